import type { Library } from '../content/types.js';
import type { Clock, Logger } from '../ports.js';
import type { PracticeService } from '../practice/practice-service.js';
import type { PracticeStore } from '../practice/practice-store.js';
import type { SoftBouncePolicy, SuppressionStore } from './bounce-events.js';
import { type BounceService, createBounceService } from './bounce-service.js';
import { type ClickCounter, createClickCounter } from './click-counter.js';
import type { ClickStore } from './click-store.js';
import type { ClickTokens } from './click-token.js';
import type { DeliveryOptions } from './delivery-options.js';
import { createDigestJob, type DigestJob } from './digest-job.js';
import { createDigestService, type DigestService } from './digest-service.js';
import type { DigestStore, Mailer, SubscriberStore } from './ports.js';
import { createRecallCheck, type RecallCheck } from './recall-check.js';
import type { RecallTokens } from './recall-token.js';
import type { NewsletterSettings } from './settings.js';
import { createSubscriberAdmin, type SubscriberAdmin } from './subscriber-admin.js';
import { createSubscriptions, type Subscriptions } from './subscriptions.js';
import { withSuppression } from './suppression-guard.js';
import type { TokenSigner } from './tokens.js';
import type { WelcomeStore } from './welcome-store.js';

/** What the newsletter needs from outside the core: two stores, a mailer, a signer and the settings. */
export interface NewsletterServicesDeps {
  subscribers: SubscriberStore;
  digests: DigestStore;
  /** Bounce events and the suppression list (the digest store's recipient query reads the same table). */
  suppressions: SuppressionStore;
  /** When soft bounces suppress an address (BOUNCE_SOFT_THRESHOLD within BOUNCE_SOFT_WINDOW_DAYS). */
  softBounces: SoftBouncePolicy;
  mailer: Mailer;
  signer: TokenSigner;
  settings: NewsletterSettings;
  library: () => Library;
  clock: Clock;
  logger: Logger;
  /** Names this process in delivery claims, e.g. `host:pid`. */
  workerName: string;
  /** True when no other process can use the database (embedded PGlite); see the digest job. */
  exclusiveDatabase: boolean;
  delivery?: Partial<DeliveryOptions>;
  /** Retrieval practice, for the digest's recall check; without it digests carry no "Check yourself" block. */
  practice?: { service: Pick<PracticeService, 'answer'>; store: PracticeStore; tokens: RecallTokens };
  /** Click counting (the `/r/` redirect); without it digests carry direct links only. */
  clicks?: { store: ClickStore; tokens: ClickTokens };
  /** Welcome emails and the welcome track's admin view (decision 013); without it no welcome is sent. */
  welcomes?: WelcomeStore;
}

/**
 * The newsletter's services: what every adapter (web, CLI, chat, scheduler)
 * calls. The stores stay behind them, so a use case is written once.
 */
export interface NewsletterServices {
  /** Preview, pin, send, test-send, retry, status and archive of the weekly digest. */
  digest: DigestService;
  /** Subscribing, confirming, unsubscribing and data rights, for the subscribers themselves. */
  subscriptions: Subscriptions;
  /** Counts, search, export, add, import and remove, for admins. */
  subscribers: SubscriberAdmin;
  /** The scheduled job (cron, startup catch-up, resume ticks). */
  job: DigestJob;
  /** Provider bounce and complaint notifications, CSV imports and the suppression list. */
  bounces: BounceService;
  /** The digest's "Check yourself" links (/practice/email); null without practice. */
  recall: RecallCheck | null;
  /** The digest's click redirect (/r/) and its counts; null without click counting. */
  clicks: ClickCounter | null;
}

/** Builds the services on the given stores and mailer. */
export function createNewsletterServices(deps: NewsletterServicesDeps): NewsletterServices {
  const { subscribers: store, digests, mailer, signer, settings, clock } = deps;
  // Log lines name their part as a field, not a prefix in the message.
  const logger = deps.logger.child({ component: 'digest' });
  const subscriptions = createSubscriptions({
    store,
    // Account emails (confirmation, data link) never go to a suppressed address.
    mailer: withSuppression(mailer, (email) => deps.suppressions.isSuppressed(email)),
    signer,
    settings,
    clock,
    logger: deps.logger.child({ component: 'newsletter' }),
    // A Discord sign-up's chat practice joins the subscriber's when its link is confirmed.
    ...(deps.practice ? { practiceStore: deps.practice.store } : {}),
    // The welcome goes out at once rather than on the next tick; the claim keeps a racing tick from sending it twice.
    ...(deps.welcomes ? { afterConfirm: () => job.sendWelcomes() } : {}),
  });
  const recall = deps.practice
    ? createRecallCheck({
        subscribers: store,
        digests,
        practiceStore: deps.practice.store,
        practice: deps.practice.service,
        tokens: deps.practice.tokens,
        library: deps.library,
        baseUrl: settings.baseUrl,
        clock,
        logger: deps.logger.child({ component: 'recall' }),
      })
    : null;
  const job = createDigestJob({
    digests,
    mailer,
    library: deps.library,
    settings,
    signer,
    clock,
    logger,
    workerName: deps.workerName,
    exclusiveDatabase: deps.exclusiveDatabase,
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
    ...(recall ? { recall } : {}),
    ...(deps.clicks ? { clicks: deps.clicks.tokens } : {}),
    ...(deps.welcomes ? { welcomes: deps.welcomes } : {}),
  });
  const clicks = deps.clicks
    ? createClickCounter({
        store: deps.clicks.store,
        tokens: deps.clicks.tokens,
        library: deps.library,
        baseUrl: settings.baseUrl,
        clock,
        logger: deps.logger.child({ component: 'clicks' }),
      })
    : null;
  return {
    job,
    recall,
    clicks,
    subscriptions,
    digest: createDigestService({
      job,
      digests,
      library: deps.library,
      settings,
      clock,
      logger,
      ...(deps.welcomes ? { welcomes: deps.welcomes } : {}),
    }),
    subscribers: createSubscriberAdmin({ store, subscriptions }),
    bounces: createBounceService({
      store: deps.suppressions,
      clock,
      policy: deps.softBounces,
      logger: deps.logger.child({ component: 'bounces' }),
    }),
  };
}
