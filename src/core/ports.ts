/**
 * The ports the core needs from the outside world. Adapters implement them;
 * the core never imports an SDK. In-memory implementations live beside the
 * code that uses them and double as dev defaults and test fakes.
 */

/** Wall-clock time, injectable so schedules and expiries are testable. */
export interface Clock {
  now(): Date;
}

/** Structured logging; adapters must never pass secrets in `fields`. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * A logger that adds `bindings` to every line, e.g. `child({ component: 'slack' })`,
   * so a line says where it comes from as a field rather than a hand-written prefix.
   */
  child(bindings: Record<string, unknown>): Logger;
}

/** Where a question came from. */
export type Platform = 'cli' | 'slack' | 'discord' | 'web';

/** How an answer was produced. */
export type AnswerMode = 'ai' | 'extractive' | 'not-covered';

/**
 * How a question is recorded: its answer mode, or `model-refused` when
 * retrieval judged it covered but the model replied that the passages do not
 * answer it (the asker got the same "not covered" reply). Editors see both
 * kinds of gap: what the library lacks, and where retrieval was fooled.
 */
export type LoggedMode = AnswerMode | 'model-refused';

/** A cited article section, as shown to the person who asked. */
export interface SourceRef {
  slug: string;
  title: string;
  /** Section heading or FAQ question the citation points into. */
  section?: string;
}

/** Token usage of one model call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /**
   * True when the server reported no usage and these numbers are a chars/4
   * estimate (some OpenAI-compatible servers send none); they still count
   * against the daily budget. Absent when the provider reported them.
   */
  estimated?: boolean;
}

/** A question as recorded in the question log. */
export interface QuestionRecord {
  text: string;
  platform: Platform;
  userHash: string;
  mode: LoggedMode;
  covered: boolean;
  sources: SourceRef[];
  model?: string | undefined;
  usage: TokenUsage;
  latencyMs: number;
}

/** A logged question, with its id and feedback. */
export interface LoggedQuestion extends QuestionRecord {
  id: string;
  createdAt: Date;
  feedback: 1 | -1 | null;
  feedbackReason: string | null;
}

/** Aggregates over the question log. */
export interface QuestionTotals {
  questions: number;
  byMode: Record<LoggedMode, number>;
  usage: TokenUsage;
  thumbsUp: number;
  thumbsDown: number;
}

/** A question written to the log before it is answered (see {@link QuestionLog.reserve}). */
export interface QuestionReservation {
  text: string;
  platform: Platform;
  userHash: string;
  /** Tokens held against today's budget until the answer settles them; 0 when no model is called. */
  reservedTokens: number;
}

/**
 * Persistence for the question log: gap reports, feedback, rate limits and
 * token budgets read from it. A question is reserved before it is answered
 * and settled after, so the limits see it (and its worst-case cost) while the
 * model is still writing, on every replica.
 */
export interface QuestionLog {
  /** Writes a question that was answered in one go (seeding, imports); the tutor uses reserve and settle. */
  record(entry: QuestionRecord): Promise<{ id: string }>;
  /**
   * Writes a question before it is answered. It counts toward its asker's
   * rate limit, and `reservedTokens` toward today's budget, at once. Until it
   * is settled it is pending: left out of `recent` and `totals`.
   */
  reserve(entry: QuestionReservation): Promise<{ id: string }>;
  /** Records how a reserved question was answered; its real usage replaces the reservation. */
  settle(id: string, entry: QuestionRecord): Promise<void>;
  /** Deletes a reserved question that was refused, so a refusal never counts against the asker. */
  release(id: string): Promise<void>;
  /** Stores 👍 (1) or 👎 (-1); a later vote replaces an earlier one. Returns false for an unknown id. */
  setFeedback(id: string, feedback: 1 | -1, reason?: string): Promise<boolean>;
  get(id: string): Promise<LoggedQuestion | null>;
  /** Newest first; `since` keeps questions created at or after it. */
  recent(options: {
    limit: number;
    covered?: boolean;
    feedback?: 1 | -1;
    since?: Date;
  }): Promise<LoggedQuestion[]>;
  /** Counts and token sums of questions created at or after `since` (all of them without it), for the admin console. */
  totals(options?: { since?: Date }): Promise<QuestionTotals>;
  /** Sum of input + output tokens, plus the reservations of pending questions, created at or after `since`. */
  tokensSince(since: Date): Promise<number>;
  /** Number of questions (pending ones included) by this user hash at or after `since`. */
  countByUserSince(userHash: string, since: Date): Promise<number>;
}

/** One passage handed to the model, with a stable id the citations point back to. */
export interface LlmPassage {
  /** `slug#section-key`, unique within a request. */
  id: string;
  title: string;
  text: string;
}

/** One earlier turn of a conversation (thread follow-ups). */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

/**
 * What the core asks of a language model. Its parts come in a fixed,
 * provider-neutral order that every adapter keeps, because providers cache
 * prompts by prefix: first the stable prefix (`system`), then the earlier
 * turns (`history`), then this turn's `passages` and `question`.
 */
export interface LlmRequest {
  /**
   * The stable prefix: the tutor's rules and the library map, byte-identical
   * for every request against one library version (built by
   * core/answering/stable-prefix.ts). Adapters send it first and unchanged.
   * Anthropic: the system blocks, with the cache breakpoint (`cache_control`)
   * on the last one. OpenAI-compatible servers (OpenAI, vLLM, Ollama): the
   * first `system` message, which their automatic prefix caching reuses.
   * Nothing that varies per request may be added to it or placed before it.
   */
  system: string;
  question: string;
  passages: LlmPassage[];
  history: ConversationTurn[];
  maxTokens: number;
  /** Called with the answer text so far while it streams, for progressive display. */
  onText?: (textSoFar: string) => void;
  signal?: AbortSignal;
}

/** One stretch of a model's answer and the passages it cites (none for uncited text). */
export interface CitedSpan {
  text: string;
  passageIds: string[];
}

/** A model's answer with the passages it cited. */
export interface LlmResponse {
  text: string;
  /** Ids of the cited passages, in first-cited order, without duplicates. */
  citedPassageIds: string[];
  /**
   * The answer cut where its citations fall, in order, citation markers
   * removed: each span's text and the passages cited right after it. It
   * lets a caller tie each line of a structured reply to its own sources
   * (explain-it-back grading). Optional: a model without it is cited only
   * as a whole.
   */
  citedSpans?: CitedSpan[];
  usage: TokenUsage;
  model: string;
}

/** A language model that answers from the passages it is given and cites them. */
export interface LanguageModel {
  readonly name: string;
  generate(request: LlmRequest): Promise<LlmResponse>;
}

/**
 * What an unfinished answer left visible, and so how a sweep finishes it:
 * `message`, a posted "Looking that up…" message (replaced); `stream`, a
 * native stream still being written (stopped, then replaced); `status`, only
 * a "Searching the library…" status in a thread, nothing posted yet (an
 * apology is posted in the thread).
 */
export type PlaceholderKind = 'message' | 'stream' | 'status';

/** A "Looking that up…" message (or stream, or status) a chat surface showed and has yet to replace with the answer. */
export interface OpenPlaceholder {
  platform: Platform;
  channel: string;
  /** The platform's id of the message (Slack: its ts); for a `status`, the id of the question it answers. */
  messageId: string;
  /** Default `message`. */
  kind?: PlaceholderKind;
  /** The thread it belongs to, where a sweep posts its apology (Slack: the thread's ts). */
  threadTs?: string | undefined;
}

/**
 * Placeholders recorded before an answer is written and removed once it is
 * shown, so that one left behind by a crash is found at the next start and
 * replaced with an apology instead of saying "Looking that up…" forever.
 */
export interface OpenPlaceholders {
  add(placeholder: OpenPlaceholder): Promise<void>;
  remove(placeholder: OpenPlaceholder): Promise<void>;
  /**
   * Removes and returns the placeholders of `platform` recorded before
   * `olderThan`. Each is returned to one caller only, however many replicas sweep.
   */
  takeStale(platform: Platform, olderThan: Date): Promise<OpenPlaceholder[]>;
}

/** Where a person's digest subscription stands, as they themselves may see it. */
export type SubscriptionState = 'subscribed' | 'pending' | 'not-subscribed';

/**
 * The subscription of an address, for showing a member their own (Slack's
 * App Home shows the digest status of the email on the member's own profile).
 * Never exposed where someone could look up another person's address.
 */
export interface SubscriptionStatus {
  statusOf(email: string): Promise<SubscriptionState>;
}

/** Idempotency keys for inbound events: `claim` returns true only for the first caller. */
export interface EventDeduper {
  claim(key: string): Promise<boolean>;
}

/**
 * Newsletter sign-up as chat and web surfaces see it. Replies are the same
 * whether or not the address is already known, so nobody can probe who is
 * subscribed. Invalid addresses throw a UserFacingError naming the problem.
 */
export interface NewsletterSignup {
  /** Starts double opt-in (a confirmation email); `source` records where consent came from, e.g. "slack:T123". */
  subscribe(input: {
    email: string;
    source: string;
    /**
     * The chat learner asking, when their platform cannot vouch for the
     * address (Discord): linked to the subscriber only when the emailed
     * confirmation link is used, i.e. once the mailbox's owner agrees.
     */
    learner?: string;
  }): Promise<{ message: string }>;
  unsubscribe(input: { email: string; source: string }): Promise<{ message: string }>;
}
