import type { Container } from '../../container.js';
import type { Tutor } from '../../core/answering/create-tutor.js';
import type { InFlight } from '../../core/chat/in-flight.js';
import type { LibraryStore } from '../../core/content/library-store.js';
import type { EventDeduper, Logger, NewsletterSignup, QuestionLog } from '../../core/ports.js';
import type { ExplainBack } from '../../core/practice/explain-back/explain-back-service.js';
import type { PracticeService } from '../../core/practice/practice-service.js';
import type { ReminderSettings } from '../../core/practice/reminders/reminder-settings.js';
import type { LearnerId } from '../../core/practice/types.js';
import type { Retriever } from '../../core/retrieval/create-retriever.js';

/**
 * What the Discord handlers need from the rest of the tutor. The service
 * module builds it from the container; tests build it from fakes of the ports.
 */
export interface DiscordDeps {
  tutor: Tutor;
  /** The live library, for /concept and its autocomplete. */
  library: LibraryStore;
  /** Suggests the closest concepts when /concept names an unknown one. */
  retriever: Retriever;
  /** Where 👍/👎 votes are stored. */
  questionLog: QuestionLog;
  /** null until the newsletter is configured; the commands then say it is not available yet. */
  newsletter: NewsletterSignup | null;
  /** Retrieval practice (/practice and its buttons). */
  practice: Pick<PracticeService, 'next' | 'answer' | 'queue'>;
  /** "Explain it back" (/explain and its "Show what I missed" button). */
  explainBack: Pick<ExplainBack, 'explain' | 'revealed'>;
  /** A Discord user's practice learner id: salted and hashed like the question log, never the raw id. */
  learnerOf(userId: string): LearnerId;
  /** Opt-in review reminders (`/practice remind:`); null or absent without a database. */
  reminders?: {
    settings: ReminderSettings;
    /** The zone used when the member names none (DIGEST_TZ, UTC by default). */
    fallbackZone: string;
  } | null;
  /** Claims each message once, so several replicas on one bot token answer it once. */
  eventDeduper: EventDeduper;
  /** Already bound to `component: 'discord'`. */
  logger: Logger;
  /** The service's registry of work in flight: every handler runs inside it, so shutdown waits for its answer. */
  inFlight: InFlight;
  /** Base for article links (`<publicUrl>/concepts/<slug>`); sources are plain text when unset. */
  publicUrl?: string | undefined;
  /** Least time between streamed edits of an /ask answer (default 1,500 ms, within Discord's edit rate limit). */
  draftIntervalMs?: number;
}

/** The handlers' dependencies, taken from the composition root. */
export function discordDepsFrom(container: Container): DiscordDeps {
  return {
    tutor: container.tutor,
    library: container.content.store,
    retriever: container.retriever,
    questionLog: container.questionLog,
    newsletter: container.signup,
    practice: container.practice,
    explainBack: container.explainBack,
    learnerOf: (userId) => container.practiceLearner('discord', userId),
    reminders: container.reminders
      ? { settings: container.reminders, fallbackZone: container.config.DIGEST_TZ }
      : null,
    eventDeduper: container.eventDeduper,
    logger: container.logger.child({ component: 'discord' }),
    inFlight: container.inFlight,
    publicUrl: container.config.PUBLIC_URL,
  };
}
