import type { Clock, Logger } from '../ports.js';
import type { DeliveryOptions } from './delivery-options.js';
import type { Mailer, OutgoingEmail } from './ports.js';
import type { ClaimedWelcome, WelcomeStore } from './welcome-store.js';

/** What one welcome pass did. */
export interface WelcomeReport {
  sent: number;
  retried: number;
  failed: number;
  /** Not sent because the subscriber left before it came up. */
  skipped: number;
  /** Welcomes a dead worker left `sending` that this pass sent again: the documented in-flight window. */
  resumed: number;
  /** The pass ended early: why; null when it ran dry. */
  stopped: string | null;
}

/** Inputs of {@link sendWelcomes}. */
export interface SendWelcomesInput {
  store: WelcomeStore;
  mailer: Mailer;
  render(welcome: ClaimedWelcome): OutgoingEmail;
  clock: Clock;
  logger: Logger;
  /** Unique per process and run, recorded as `claimedBy`. */
  worker: string;
  options: DeliveryOptions;
  /** `sending` welcomes claimed before this are presumed abandoned by a dead worker. */
  staleBefore: () => Date;
  signal?: AbortSignal;
}

/**
 * Sends the welcome emails that are due, with the digest's claim, send,
 * record machinery (decision 003): claim a batch, send one at a time, record
 * each outcome right after the server answers, conditional on still holding
 * the claim. One message at a time, so a hard kill leaves at most one welcome
 * per process sent but unrecorded; it goes out again after the lease, with
 * the same Message-ID.
 */
export async function sendWelcomes(input: SendWelcomesInput): Promise<WelcomeReport> {
  const { store, clock, options, worker, logger } = input;
  const report: WelcomeReport = { sent: 0, retried: 0, failed: 0, skipped: 0, resumed: 0, stopped: null };
  while (report.stopped === null) {
    if (input.signal?.aborted) {
      report.stopped = 'aborted';
      break;
    }
    const claimed = await store.claim({
      worker,
      limit: options.batchSize,
      now: clock.now(),
      staleBefore: input.staleBefore(),
      maxAttempts: options.maxAttempts,
    });
    report.skipped += claimed.skipped;
    report.failed += claimed.exhausted;
    report.resumed += claimed.resumed;
    if (claimed.welcomes.length === 0) break;
    const unstarted: string[] = [];
    for (const welcome of claimed.welcomes) {
      if (report.stopped !== null || input.signal?.aborted) {
        unstarted.push(welcome.subscriberId);
        continue;
      }
      const result = await input.mailer.send(input.render(welcome));
      const now = clock.now();
      const key = { subscriberId: welcome.subscriberId, worker };
      if (result.status === 'sent') {
        if (await store.markSent({ ...key, messageId: result.messageId, now })) report.sent++;
        else logger.warn('sent a welcome whose claim another worker had taken over (lease too short?)');
        continue;
      }
      const error = result.responseCode ? `${result.responseCode} ${result.error}` : result.error;
      if (result.kind === 'unavailable') {
        // Nothing was learned about this recipient: hand it back uncounted and stop, as the digest does.
        report.stopped = `mail server unavailable: ${result.error}`;
        unstarted.push(welcome.subscriberId);
      } else if (result.kind === 'permanent' || welcome.attempts >= options.maxAttempts) {
        const why =
          result.kind === 'permanent' ? error : `gave up after ${welcome.attempts} attempts: ${error}`;
        await store.markFailed({ ...key, error: why });
        report.failed++;
      } else {
        await store.markRetry({
          ...key,
          error,
          nextAttemptAt: new Date(now.getTime() + options.retryDelayMs(welcome.attempts)),
        });
        report.retried++;
      }
    }
    if (unstarted.length > 0) {
      const notBefore = report.stopped?.startsWith('mail server')
        ? new Date(clock.now().getTime() + options.unavailableDelayMs)
        : null;
      await store.release({ subscriberIds: unstarted, worker, notBefore });
    }
  }
  if (report.sent + report.failed + report.retried + report.skipped > 0 || report.stopped)
    logger.info('welcome pass finished', { ...report });
  return report;
}
