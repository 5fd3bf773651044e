import type { Tutor } from '../../core/answering/create-tutor.js';
import type { InFlight } from '../../core/chat/in-flight.js';
import type {
  EventDeduper,
  Logger,
  NewsletterSignup,
  OpenPlaceholders,
  QuestionLog,
} from '../../core/ports.js';
import type { PracticeService } from '../../core/practice/practice-service.js';
import type { LearnerId } from '../../core/practice/types.js';

/** How the Slack adapter behaves, from config. */
export interface SlackSettings {
  /** Base URL of the web pages; Sources link to `<publicUrl>/concepts/<slug>` when set (PUBLIC_URL). */
  publicUrl?: string | undefined;
  /** Read threads for follow-up context and answer follow-ups without a mention (SLACK_THREAD_CONTEXT). */
  threadContext: boolean;
  /** A channel id where every top-level message is answered (SLACK_ANSWER_CHANNEL). */
  answerChannel?: string | undefined;
  /** Minimum time between streamed updates of the placeholder; Slack allows about one update a second. */
  draftIntervalMs: number;
}

/** What the Slack listeners need; the service module builds this from the container. */
export interface SlackDeps {
  tutor: Tutor;
  questionLog: QuestionLog;
  eventDeduper: EventDeduper;
  /** null while the newsletter is not available; /subscribe says so. */
  newsletter: NewsletterSignup | null;
  /** Already bound to `component: 'slack'`. */
  logger: Logger;
  /** The service's registry of work in flight: listeners run inside it, so shutdown waits for their answers. */
  inFlight: InFlight;
  /** Placeholders posted and not yet finished, so a restart can finish those a crash left behind. */
  openPlaceholders: OpenPlaceholders;
  settings: SlackSettings;
  /** Retrieval practice (/practice, /quiz and their buttons). */
  practice: Pick<PracticeService, 'next' | 'answer'>;
  /** A Slack user's practice learner id: salted and hashed like the question log, never the raw id. */
  learnerOf(userId: string): LearnerId;
}

/** Default pause between streamed placeholder updates. */
export const DEFAULT_DRAFT_INTERVAL_MS = 1200;
