import type { Tutor } from '../../core/answering/create-tutor.js';
import type { InFlight } from '../../core/chat/in-flight.js';
import type { ContentEditor } from '../../core/content/content-editor.js';
import type { LibraryStore } from '../../core/content/library-store.js';
import type { BounceService } from '../../core/newsletter/bounce-service.js';
import type { ClickCounter } from '../../core/newsletter/click-counter.js';
import type { DigestService } from '../../core/newsletter/digest-service.js';
import type { RecallCheck } from '../../core/newsletter/recall-check.js';
import type { NewsletterSettings } from '../../core/newsletter/settings.js';
import type { SubscriberAdmin } from '../../core/newsletter/subscriber-admin.js';
import type { Subscriptions } from '../../core/newsletter/subscriptions.js';
import type { Clock, Logger, QuestionLog } from '../../core/ports.js';
import type { ExplainBack } from '../../core/practice/explain-back/explain-back-service.js';
import type { PracticeService } from '../../core/practice/practice-service.js';
import type { PracticeStore } from '../../core/practice/practice-store.js';
import type { EmailWebhookVerifiers } from '../email/webhooks/providers.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { WebAssets } from './render/assets.js';
import type { PageCache } from './render/page-cache.js';
import type { ReadinessCheck } from './routes/health.js';
import type { WebSettings } from './web-settings.js';

/**
 * The newsletter as the web sees it: exactly the service calls its pages
 * make, never a store (test/adapters/newsletter-boundary.test.ts keeps it
 * so). null in {@link WebDeps} while there is no database.
 */
export interface WebNewsletter {
  settings: Pick<NewsletterSettings, 'name' | 'timeZone'>;
  /** DIGEST_CRON and DIGEST_TZ, shown on the admin digest page. */
  schedule: { cron: string; timeZone: string };
  /** Where test copies go, e.g. "SMTP smtp.example.com:587". */
  mailerDescription: string;
  subscriptions: Pick<
    Subscriptions,
    | 'subscribe'
    | 'confirm'
    | 'peekUnsubscribe'
    | 'unsubscribeByToken'
    | 'requestManageLink'
    | 'peekManage'
    | 'exportByToken'
    | 'deleteByToken'
    | 'updatePreferencesByToken'
    | 'unsubscribeByManageToken'
  >;
  /** The digest's use cases: the admin digest page and the public archive. */
  digest: Pick<
    DigestService,
    | 'nextWeek'
    | 'issue'
    | 'pinOf'
    | 'preview'
    | 'pin'
    | 'unpin'
    | 'status'
    | 'sendTest'
    | 'retryFailed'
    | 'archive'
    | 'welcomeTrack'
  >;
  /** The admin side of the subscriber list: counts, search and the CSV export. */
  subscribers: Pick<SubscriberAdmin, 'counts' | 'search' | 'exportCsv'>;
  /** Bounce and complaint webhooks record here; the admin subscriber page lists the suppressions. */
  bounces: Pick<BounceService, 'record' | 'suppressions'>;
  /** Verifiers of the configured bounce webhook providers (POST /webhooks/email/:provider). */
  webhooks: EmailWebhookVerifiers;
  /** The digest's "Check yourself" answer page (/practice/email); null without practice. */
  recall: Pick<RecallCheck, 'open' | 'answer'> | null;
  /** The digest's click redirect (/r/) and the admin page's counts; null without click counting. */
  clicks: Pick<ClickCounter, 'follow' | 'stats'> | null;
}

/**
 * What the web adapter's routes need, and nothing more: the web never sees
 * the container. Built by `webDepsFrom` (the composition root's side) and, in
 * tests, from real parts.
 */
export interface WebDeps {
  settings: WebSettings;
  /** The stylesheet, scripts and icon, read once at startup. */
  assets: WebAssets;
  logger: Logger;
  clock: Clock;
  /** The live content library. */
  library: Pick<LibraryStore, 'current' | 'problems'>;
  /** Pages that are the same for every visitor, rendered once per library version. */
  pageCache: PageCache;
  /** Reads and writes the content files (admin console). */
  contentEditor: ContentEditor;
  tutor: Pick<Tutor, 'ask'>;
  /** Answers being written, so a graceful stop waits for them (and aborts them past the drain budget). */
  inFlight: Pick<InFlight, 'run'>;
  questionLog: Pick<QuestionLog, 'setFeedback' | 'totals' | 'recent'>;
  /** Retrieval practice (/practice). */
  practice: Pick<PracticeService, 'next' | 'answer'>;
  /** "Explain it back" (/explain/:slug). */
  explainBack: Pick<ExplainBack, 'explain' | 'promptFor'>;
  /** Aggregate practice counts for /admin/learning. */
  practiceStats: Pick<PracticeStore, 'learningStats'>;
  /** null while the newsletter is off (no database). */
  newsletter: WebNewsletter | null;
  /** What /readyz checks (content loaded, database reachable). */
  readiness: Record<string, ReadinessCheck>;
  /** This process's Prometheus metrics, served at /metrics. */
  metrics: MetricsRegistry;
}
