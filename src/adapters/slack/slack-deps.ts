import type { Tutor } from '../../core/answering/create-tutor.js';
import type { InFlight } from '../../core/chat/in-flight.js';
import type { Concept, Library } from '../../core/content/types.js';
import type {
  Clock,
  EventDeduper,
  Logger,
  NewsletterSignup,
  OpenPlaceholders,
  QuestionLog,
  SubscriptionStatus,
} from '../../core/ports.js';
import type { ExplainBack } from '../../core/practice/explain-back/explain-back-service.js';
import type { LearnerLinking } from '../../core/practice/learner-linking.js';
import type { PracticeService } from '../../core/practice/practice-service.js';
import type { LearnerId } from '../../core/practice/types.js';
import type { SharedAnswers } from './answering/shared-answers.js';
import type { HomeCache } from './home/home-cache.js';
import type { SlackReminders } from './reminders/practice-remind.js';

/** How the Slack adapter behaves, from config. */
export interface SlackSettings {
  /** Base URL of the web pages; Sources link to `<publicUrl>/concepts/<slug>` when set (PUBLIC_URL). */
  publicUrl?: string | undefined;
  /** Read threads for follow-up context and answer follow-ups without a mention (SLACK_THREAD_CONTEXT). */
  threadContext: boolean;
  /** A channel id where every top-level message is answered (SLACK_ANSWER_CHANNEL). */
  answerChannel?: string | undefined;
  /** Minimum time between streamed updates (placeholder edits or stream appends); Slack allows about one a second. */
  draftIntervalMs: number;
  /** Answer mentions, DMs and the assistant pane with native streams (SLACK_STREAMING); off: a placeholder is updated. */
  streaming: boolean;
  /** How long a member's Home tab is reused before it is built again. */
  homeCacheMs: number;
}

/** What the Slack listeners need; the service module builds this from the container. */
export interface SlackDeps {
  tutor: Tutor;
  questionLog: QuestionLog;
  eventDeduper: EventDeduper;
  /** null while the newsletter is not available; /subscribe says so. */
  newsletter: NewsletterSignup | null;
  /** Where a member's own digest subscription stands (the Home tab); null without a newsletter. */
  subscriptionStatus: SubscriptionStatus | null;
  /** The live library: suggested prompts in the assistant pane, the Home tab. */
  library: () => Library;
  /** This week's concept for the Home tab: the digest's when there is one; null for an empty library. */
  weekConcept: () => Promise<Concept | null>;
  clock: Clock;
  /** Already bound to `component: 'slack'`. */
  logger: Logger;
  /** The service's registry of work in flight: listeners run inside it, so shutdown waits for their answers. */
  inFlight: InFlight;
  /** Placeholders and streams shown and not yet finished, so a restart can finish those a crash left behind. */
  openPlaceholders: OpenPlaceholders;
  /** Answers only their asker could see, kept briefly for "Share in channel". */
  sharedAnswers: SharedAnswers;
  /** Members' Home tabs, built at most once per `settings.homeCacheMs`. */
  homeCache: HomeCache;
  settings: SlackSettings;
  /** Retrieval practice (/practice, /quiz, their buttons, "Quiz me on this later", the Home tab's summary). */
  practice: Pick<PracticeService, 'next' | 'answer' | 'queue' | 'summary'>;
  /** "Explain it back" (/explain and its "Show what I missed" button). */
  explainBack: Pick<ExplainBack, 'explain' | 'revealed' | 'promptFor'>;
  /**
   * Links a member who subscribes with their profile email to their subscriber
   * record, so chat and email practice are one learner; null without a newsletter.
   */
  learnerLinking: Pick<LearnerLinking, 'link'> | null;
  /** A Slack user's practice learner id: salted and hashed like the question log, never the raw id. */
  learnerOf(userId: string): LearnerId;
  /** Opt-in review reminders (`/practice remind`); null or absent without a database. */
  reminders?: SlackReminders | null;
}

/** Default pause between streamed updates. */
export const DEFAULT_DRAFT_INTERVAL_MS = 1200;

/** Default time a Home tab is reused: opening it again within a minute costs no lookups. */
export const DEFAULT_HOME_CACHE_MS = 60_000;
