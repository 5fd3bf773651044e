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

/** Persistence for the question log: gap reports, feedback and token budgets read from it. */
export interface QuestionLog {
  record(entry: QuestionRecord): Promise<{ id: string }>;
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
  /** Sum of input + output tokens of questions created at or after `since`. */
  tokensSince(since: Date): Promise<number>;
  /** Number of questions by this user hash at or after `since`. */
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

/** What the core asks of a language model. */
export interface LlmRequest {
  system: string;
  question: string;
  passages: LlmPassage[];
  history: ConversationTurn[];
  maxTokens: number;
  /** Called with each text delta as it streams, for progressive display. */
  onText?: (delta: string) => void;
  signal?: AbortSignal;
}

/** A model's answer with the passages it cited. */
export interface LlmResponse {
  text: string;
  /** Ids of the cited passages, in first-cited order, without duplicates. */
  citedPassageIds: string[];
  usage: TokenUsage;
  model: string;
}

/** A language model that answers from the passages it is given and cites them. */
export interface LanguageModel {
  readonly name: string;
  generate(request: LlmRequest): Promise<LlmResponse>;
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
  subscribe(input: { email: string; source: string }): Promise<{ message: string }>;
  unsubscribe(input: { email: string; source: string }): Promise<{ message: string }>;
}
