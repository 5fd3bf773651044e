import { randomBytes } from 'node:crypto';
import type { Concept, Library } from '../content/types.js';
import { errorFields, UserFacingError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import { createLinkTracker } from './click-links.js';
import type { ClickTokens } from './click-token.js';
import { composeDigest, type DigestTemplate } from './compose-digest.js';
import { type DeliveryProgress, type DeliveryReport, deliverIssue } from './deliver-issue.js';
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './delivery-options.js';
import { digestEmailFor } from './digest-email.js';
import { createIssueContent } from './issue-content.js';
import { localSendTime, sendTimeRange } from './local-send-time.js';
import type { IssueContent } from './pick-issue.js';
import type { ConceptPlan, DigestStore, Mailer, SendResult } from './ports.js';
import type { RecallBlock } from './recall-block.js';
import type { RecallCheck } from './recall-check.js';
import { sendWelcomes, type WelcomeReport } from './send-welcomes.js';
import type { NewsletterSettings } from './settings.js';
import type { TokenSigner } from './tokens.js';
import type { DigestIssue } from './types.js';
import { isoWeekKey } from './week-key.js';
import { welcomeEmailFor } from './welcome-email.js';
import type { WelcomeStore } from './welcome-store.js';
import { deliveryConceptFor, trackOrder } from './welcome-track.js';

/** Dependencies of {@link createDigestJob}. */
export interface DigestJobDeps {
  digests: DigestStore;
  mailer: Mailer;
  library: () => Library;
  settings: NewsletterSettings;
  signer: TokenSigner;
  clock: Clock;
  logger: Logger;
  /** Names this process in `claimedBy`, e.g. `host:pid`; each run adds a random suffix. */
  workerName: string;
  /**
   * True when no other process can use the database (embedded PGlite): rows
   * left `sending` before this job was created belong to a dead process and
   * are resumed at once instead of after the lease.
   */
  exclusiveDatabase: boolean;
  delivery?: Partial<DeliveryOptions>;
  /** Each copy's "Check yourself" block; without it digests carry none. */
  recall?: Pick<RecallCheck, 'blockFor' | 'sampleFor'>;
  /** Signs counted `/r/` links (issue 16); without it every link is direct. */
  clicks?: ClickTokens;
  /** Welcome emails of new subscribers (decision 013); without it none are sent. */
  welcomes?: WelcomeStore;
}

/** What a run did, for logs and the CLI. */
export type DigestRunReport =
  | {
      action: 'delivered';
      issue: DigestIssue;
      created: boolean;
      recipients: number;
      delivery: DeliveryReport;
      /** Deliveries of this issue marked failed in this run because their own cutoff had passed. */
      expired?: number;
    }
  | { action: 'skipped'; weekKey: string; reason: string }
  | { action: 'expired'; issue: DigestIssue; expired: number };

/** A week's issue as it is (or would be, if not created yet), rendered. */
export interface DigestPreview {
  weekKey: string;
  issue: DigestIssue | null;
  content: IssueContent;
  template: DigestTemplate;
  /** A sample "Check yourself" block, as subscribers who got earlier issues see one; null when there is none. */
  recall: RecallBlock | null;
}

/** The idempotent weekly job and the admin operations around it. */
export type DigestJob = ReturnType<typeof createDigestJob>;

/**
 * The digest job: make sure the week's issue exists (picking its content and
 * snapshotting active subscribers in one leader transaction), then deliver
 * whatever is pending. Every entry point is safe to run any number of times,
 * on any number of replicas, after any crash.
 */
export function createDigestJob(deps: DigestJobDeps) {
  const { digests, settings, clock, logger } = deps;
  const options: DeliveryOptions = { ...DEFAULT_DELIVERY_OPTIONS, ...deps.delivery };
  const cutoffMs = settings.catchupHours * 3_600_000;
  const createdAt = clock.now();
  // Claims older than the lease are abandoned; with an exclusive database, so is every claim from before this process.
  const staleBefore = () => {
    const leaseEnd = clock.now().getTime() - options.leaseMs;
    return new Date(deps.exclusiveDatabase ? Math.max(createdAt.getTime(), leaseEnd) : leaseEnd);
  };

  const { contentOf, templateFor, templateForConcept, pick } = createIssueContent({
    library: deps.library,
    digests,
    settings,
    clicks: deps.clicks,
  });

  // The recall block is a nicety: a failure to pick one sends the digest without it rather than holding it up.
  const recallFor = async (subscriberId: string, issue: DigestIssue): Promise<RecallBlock | null> => {
    if (!deps.recall) return null;
    try {
      return await deps.recall.blockFor(subscriberId, issue);
    } catch (error) {
      logger.warn('could not pick the recall question; sending without it', errorFields(error));
      return null;
    }
  };

  // The welcome track and "each concept at most once": which copies teach another concept (decision 013).
  const conceptPlan =
    (issueConcept: Concept, weekKey: string): ConceptPlan =>
    (candidates, earlierIssues) => {
      const track = trackOrder(deps.library());
      const changes: Array<{ subscriberId: string; conceptSlug: string | null }> = [];
      const tally = { track: 0, alreadyHad: 0, none: 0 };
      for (const candidate of candidates) {
        const choice = deliveryConceptFor({ track, issueConcept, candidate, earlierIssues });
        if (choice.kind === 'other') {
          changes.push({ subscriberId: candidate.subscriberId, conceptSlug: choice.conceptSlug });
          if (choice.why === 'track') tally.track++;
          else tally.alreadyHad++;
        } else if (choice.kind === 'none') {
          changes.push({ subscriberId: candidate.subscriberId, conceptSlug: null });
          tally.none++;
        }
      }
      if (tally.track + tally.alreadyHad + tally.none > 0)
        logger.info('copies with their own concept', {
          week: weekKey,
          onWelcomeTrack: tally.track,
          hadTheIssueConcept: tally.alreadyHad,
          // Beginner-only subscribers on the track who have caught up: no copy of a harder issue, as before the track.
          noCopyBeginnerOnly: tally.none,
        });
      return changes;
    };

  const welcomePass = async (signal: AbortSignal | undefined): Promise<WelcomeReport | null> => {
    const store = deps.welcomes;
    if (!store) return null;
    try {
      return await sendWelcomes({
        store,
        mailer: deps.mailer,
        render: (w) =>
          welcomeEmailFor({
            settings,
            signer: deps.signer,
            to: w.email,
            subscriberId: w.subscriberId,
            now: clock.now(),
          }),
        clock,
        logger,
        worker: `${deps.workerName}:${randomBytes(3).toString('hex')}`,
        options,
        staleBefore,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // A welcome that cannot go out now is retried on the next tick; it must never hold up a digest.
      logger.warn('welcome pass failed; the next tick retries', errorFields(error));
      return null;
    }
  };

  // Scheduled passes take only rows whose local send time has come and whose own cutoff has not passed.
  const sendWindow = () => {
    const now = clock.now();
    return { from: new Date(now.getTime() - cutoffMs), to: now };
  };
  const sendAfterFor = (scheduledFor: Date) => (timeZone: string | null) =>
    localSendTime(scheduledFor, settings.timeZone, timeZone);

  const ensureIssue = async (weekKey: string, scheduledFor: Date, reviveSkipped: boolean, local = false) => {
    const existing = await digests.findIssue(weekKey);
    if (existing && !(reviveSkipped && existing.status === 'skipped'))
      return { issue: existing, created: false, recipients: 0 };
    const { concept, useCase } = await pick(weekKey);
    const result = await digests.createIssue({
      weekKey,
      conceptSlug: concept.slug,
      conceptDifficulty: concept.difficulty,
      useCaseSlug: useCase.slug,
      scheduledFor,
      now: clock.now(),
      reviveSkipped,
      conceptPlan: conceptPlan(concept, weekKey),
      // Scheduled issues go out at each subscriber's local time; one made by hand (tutor digest send) at once.
      ...(local ? { sendAfter: sendAfterFor(scheduledFor) } : {}),
    });
    if (result.created)
      logger.info('created issue and snapshotted recipients', {
        week: weekKey,
        concept: concept.slug,
        useCase: useCase.slug,
        recipients: result.recipients,
      });
    return result;
  };

  const deliver = async (
    issue: DigestIssue,
    deadline: Date | null,
    run: {
      signal?: AbortSignal | undefined;
      takeOverStale?: boolean | undefined;
      onProgress?: ((progress: DeliveryProgress) => void) | undefined;
      /** Honour local send times (scheduled passes); manual sends deliver every row now. */
      local?: boolean | undefined;
    } = {},
  ): Promise<DeliveryReport> => {
    const { signal, onProgress, takeOverStale = false } = run;
    // Fails here, before any row is claimed, when the library lost the issue's concept or use case.
    if (issue.status === 'sending') templateFor(issue);
    const worker = `${deps.workerName}:${randomBytes(3).toString('hex')}`;
    // The operator says the other senders are dead: their claims from before this run are abandoned now, not after the lease.
    const runStart = clock.now().getTime();
    const staleFor = takeOverStale
      ? () => new Date(Math.max(runStart, staleBefore().getTime()))
      : staleBefore;
    const report = await deliverIssue({
      issue,
      store: digests,
      mailer: deps.mailer,
      render: async (d) =>
        digestEmailFor({
          // Subscribers who turned click counting off get the render with plain links.
          template: d.conceptSlug
            ? templateForConcept(issue, d.conceptSlug, d.countClicks !== false)
            : templateFor(issue, d.countClicks !== false),
          settings,
          signer: deps.signer,
          to: d.email,
          subscriberId: d.subscriberId,
          deliveryId: d.id,
          weekKey: issue.weekKey,
          now: clock.now(),
          recall: await recallFor(
            d.subscriberId,
            d.conceptSlug ? { ...issue, conceptSlug: d.conceptSlug } : issue,
          ),
        }),
      clock,
      logger,
      worker,
      options,
      staleBefore: staleFor,
      deadline,
      ...(run.local ? { sendWindow } : {}),
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    const busy = report.sent + report.retried + report.failed + report.skipped > 0;
    if (busy || report.stopped)
      logger.info('delivery pass finished', {
        week: issue.weekKey,
        mailer: deps.mailer.description,
        ...report,
      });
    if (report.stopped && report.stopped !== 'aborted')
      logger.warn(
        `delivery of ${issue.weekKey} stopped early: ${report.stopped}; pending rows are retried later`,
      );
    if (takeOverStale && report.resumed > 0)
      logger.warn(`took over ${report.resumed} deliveries of ${issue.weekKey} from other senders`, {
        week: issue.weekKey,
      });
    return report;
  };

  /** Fails the unsent rows whose own cutoff (local send time + DIGEST_CATCHUP_HOURS) has passed. */
  const expire = async (issue: DigestIssue): Promise<number> => {
    const now = clock.now();
    const reason = `not sent: more than ${settings.catchupHours} h after the scheduled time (DIGEST_CATCHUP_HOURS); tutor digest retry-failed sends them anyway`;
    const expired = await digests.expireUnsent({
      issueId: issue.id,
      reason,
      now,
      staleBefore: staleBefore(),
      dueBefore: new Date(now.getTime() - cutoffMs),
    });
    await digests.completeIfDone({ issueId: issue.id, now: clock.now() });
    if (expired > 0)
      logger.warn(
        `${expired} deliveries of ${issue.weekKey} were still unsent past the catch-up cutoff and are marked failed`,
        { week: issue.weekKey },
      );
    return expired;
  };

  /**
   * One scheduled pass over an open issue: expire the rows past their own
   * cutoff, then deliver the rows whose local send time has come. Reported
   * as `expired` when expiry left nothing to send.
   */
  const catchUp = async (issue: DigestIssue, signal: AbortSignal | undefined): Promise<DigestRunReport> => {
    const expired = issue.status === 'sending' ? await expire(issue) : 0;
    if (expired > 0 && (await digests.findIssue(issue.weekKey))?.status !== 'sending')
      return { action: 'expired', issue, expired };
    return {
      action: 'delivered',
      issue,
      created: false,
      recipients: 0,
      delivery: await deliver(issue, null, { signal, local: true }),
      ...(expired > 0 ? { expired } : {}),
    };
  };

  const preview = async (input: { weekKey?: string } = {}): Promise<DigestPreview> => {
    const weekKey = input.weekKey ?? isoWeekKey(clock.now(), settings.timeZone);
    const issue = await digests.findIssue(weekKey);
    const content = issue && issue.status !== 'skipped' ? contentOf(issue) : await pick(weekKey);
    const recall = (await deps.recall?.sampleFor(weekKey)) ?? null;
    // Previews and test copies redirect through /r/ like the real thing, but their links are never counted.
    const track = deps.clicks
      ? createLinkTracker({
          tokens: deps.clicks,
          baseUrl: settings.baseUrl,
          issue: { weekKey, conceptSlug: content.concept.slug, useCaseSlug: content.useCase.slug },
          sample: true,
        })
      : undefined;
    return {
      weekKey,
      issue,
      content,
      template: composeDigest(content, settings, weekKey, { track }),
      recall,
    };
  };

  return {
    /**
     * The scheduled (cron or startup) run for the occurrence `scheduledFor`.
     * Within DIGEST_CATCHUP_HOURS of it the issue is created and delivered;
     * later, a missing issue is recorded as skipped and nothing is sent,
     * unless nobody was subscribed at that time (a fresh install has missed nothing).
     */
    async runScheduled(input: { scheduledFor: Date; signal?: AbortSignal }): Promise<DigestRunReport> {
      // Welcomes first: someone who confirmed just before the issue gets the welcome before their first digest.
      await welcomePass(input.signal);
      const weekKey = isoWeekKey(input.scheduledFor, settings.timeZone);
      const existing = await digests.findIssue(weekKey);
      if (existing?.status === 'skipped')
        return { action: 'skipped', weekKey, reason: 'recorded as skipped earlier' };
      // An issue that exists is caught up per subscriber: each row's cutoff counts from its own local send time.
      if (existing) return catchUp(existing, input.signal);
      // Missed altogether only once the last subscriber's local send time is past the cutoff.
      const { last } = sendTimeRange(
        input.scheduledFor,
        settings.timeZone,
        await digests.recipientTimeZones(),
      );
      if (clock.now().getTime() > last.getTime() + cutoffMs) {
        // Nobody was subscribed then (a fresh install, or everyone joined since): no one missed anything.
        if ((await digests.countRecipients({ consentedBy: input.scheduledFor })) === 0) {
          logger.info(`nobody was subscribed at ${weekKey}'s scheduled time; nothing to catch up`);
          return {
            action: 'skipped',
            weekKey,
            reason: 'nobody was subscribed at the scheduled time, so no issue was missed',
          };
        }
        const { concept, useCase } = await pick(weekKey);
        await digests.recordSkipped({
          weekKey,
          conceptSlug: concept.slug,
          useCaseSlug: useCase.slug,
          scheduledFor: input.scheduledFor,
          now: clock.now(),
        });
        const late = Math.round((clock.now().getTime() - last.getTime()) / 3_600_000);
        const reason = `${late} h late, past the ${settings.catchupHours} h catch-up cutoff (DIGEST_CATCHUP_HOURS); send it anyway with tutor digest send --week ${weekKey}`;
        logger.warn(`skipping ${weekKey}: ${reason}`);
        return { action: 'skipped', weekKey, reason };
      }
      if ((await digests.countRecipients()) === 0) {
        // An issue nobody receives would still use up its concept (and appear in the archive).
        logger.info(`no active subscribers, so no issue for ${weekKey}`);
        return {
          action: 'skipped',
          weekKey,
          reason: 'no active subscribers; the next concept waits for the first issue with readers',
        };
      }
      const { issue, created, recipients } = await ensureIssue(weekKey, input.scheduledFor, false, true);
      const pass = await catchUp(issue, input.signal);
      if (pass.action !== 'delivered') return pass;
      return { ...pass, created, recipients };
    },

    /**
     * When the issue of the cron occurrence `scheduledFor` must exist: the
     * first local send time among the zones of today's subscribers, and never
     * later than the occurrence itself. The scheduler creates it then, up to
     * a day ahead of DIGEST_TZ for subscribers at UTC+14.
     */
    async issueDueAt(scheduledFor: Date): Promise<Date> {
      const { first } = sendTimeRange(scheduledFor, settings.timeZone, await digests.recipientTimeZones());
      return first < scheduledFor ? first : scheduledFor;
    },

    /**
     * Resumes every open issue: rows whose local send time came, retries that
     * came due, rows a crashed worker left; expires rows past their own cutoff.
     */
    async resumeOpen(input: { signal?: AbortSignal } = {}): Promise<DigestRunReport[]> {
      await welcomePass(input.signal);
      const reports: DigestRunReport[] = [];
      for (const issue of await digests.openIssues()) {
        if (input.signal?.aborted) break;
        reports.push(await catchUp(issue, input.signal));
      }
      return reports;
    },

    /**
     * `tutor digest send`: the same idempotent job for a week, now, without
     * the catch-up cutoff. Rows another sender still holds are reported in
     * `delivery.heldElsewhere`; with `takeOverStale` (the operator knows that
     * sender is dead) every row claimed before this run is claimed again at
     * once instead of after the lease. A sender that is in fact alive then
     * loses its claims (`leaseLost`), and its in-flight messages may go out twice.
     */
    async runNow(
      input: {
        weekKey?: string;
        signal?: AbortSignal;
        takeOverStale?: boolean;
        onProgress?: (progress: DeliveryProgress) => void;
      } = {},
    ): Promise<DigestRunReport & { action: 'delivered' }> {
      const weekKey = input.weekKey ?? isoWeekKey(clock.now(), settings.timeZone);
      const { issue, created, recipients } = await ensureIssue(weekKey, clock.now(), true);
      return {
        action: 'delivered',
        issue,
        created,
        recipients,
        delivery: await deliver(issue, null, input),
      };
    },

    /** `tutor digest retry-failed`: failed deliveries of still-active subscribers go out again, now. */
    async retryFailed(
      input: {
        weekKey?: string;
        signal?: AbortSignal;
        onProgress?: (progress: DeliveryProgress) => void;
      } = {},
    ): Promise<{ issue: DigestIssue; requeued: number; delivery: DeliveryReport }> {
      const issue = input.weekKey ? await digests.findIssue(input.weekKey) : await digests.latestIssue();
      if (!issue)
        throw new UserFacingError(
          'DIGEST_NO_ISSUE',
          input.weekKey ? `There is no issue for ${input.weekKey}.` : 'No issue has been created yet.',
        );
      const requeued = await digests.retryFailed({ issueId: issue.id, now: clock.now() });
      return { issue, requeued, delivery: await deliver(issue, null, input) };
    },

    /** Sends the welcome emails that are due (also part of every scheduled run and resume tick); null without a welcome store. */
    sendWelcomes: (input: { signal?: AbortSignal } = {}) => welcomePass(input.signal),

    /** The issue of a week as it is or would be, rendered, without recording anything. */
    preview,

    /** `tutor digest send --to`: one test copy, subject marked [Test], nothing recorded. */
    async sendTest(input: { to: string; weekKey?: string }): Promise<SendResult> {
      const { weekKey, template, recall } = await preview(input.weekKey ? { weekKey: input.weekKey } : {});
      // A well-formed id that belongs to nobody: the test copy's links show the "unknown link" page.
      const email = digestEmailFor({
        template,
        settings,
        signer: deps.signer,
        to: input.to,
        subscriberId: '00000000-0000-4000-8000-000000000000',
        deliveryId: null,
        weekKey,
        now: clock.now(),
        recall,
      });
      return deps.mailer.send({ ...email, subject: `[Test] ${email.subject}` });
    },

    /** `tutor digest status`: counts by status and the failures of a week (default: the latest issue). */
    async status(input: { weekKey?: string; failureLimit?: number } = {}) {
      const issue = input.weekKey ? await digests.findIssue(input.weekKey) : await digests.latestIssue();
      if (!issue) return null;
      return {
        issue,
        counts: await digests.counts(issue.id),
        failures: await digests.failures({ issueId: issue.id, limit: input.failureLimit ?? 50 }),
      };
    },
  };
}
