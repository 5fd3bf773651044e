import { errorFields } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { DeliveryOptions } from './delivery-options.js';
import type { DigestStore, Mailer, OutgoingEmail } from './ports.js';
import { createSentRecorder, type SentRecorder } from './sent-recorder.js';
import type { ClaimedDelivery, DigestIssue, SendWindow } from './types.js';

/** What one delivery pass did. */
export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  bounced: number;
  /** Not sent because the subscriber left between snapshot and send. */
  skipped: number;
  /** The pass ended early: why (aborted, mail server unavailable, deadline); null when it ran dry. */
  stopped: string | null;
  /** Rows a dead worker left `sending` that this pass sent again: the documented in-flight window. */
  resumed: number;
  /** Rows whose claim another worker took over before this one recorded the send. */
  leaseLost: number;
  /** True when this pass found the issue complete and marked it sent. */
  completed: boolean;
  /**
   * Rows this pass could not claim because another sender holds them: one
   * running elsewhere, or one that died (a crash on PostgreSQL) and whose
   * lease has not run out. They go out once it finishes, or from
   * `leaseExpiresAt` on; `takeOverStale` claims them at once.
   */
  heldElsewhere: { count: number; leaseExpiresAt: Date | null; workers: string[] };
}

/** How far a delivery pass is, reported after each recorded message (progress output). */
export interface DeliveryProgress {
  sent: number;
  failed: number;
  retried: number;
  /** Deliveries pending or `sending` when the pass started: what it may send at most. */
  total: number;
}

/** Inputs of {@link deliverIssue}. */
export interface DeliverInput {
  issue: DigestIssue;
  store: DigestStore;
  mailer: Mailer;
  /** May be async: a per-recipient block (the recall check) reads that subscriber's practice state. */
  render(delivery: ClaimedDelivery): OutgoingEmail | Promise<OutgoingEmail>;
  clock: Clock;
  logger: Logger;
  /** Unique per process and run, recorded as `claimedBy`. */
  worker: string;
  options: DeliveryOptions;
  /** `sending` rows claimed before this are presumed abandoned by a dead worker. */
  staleBefore: () => Date;
  /** Stop claiming after this instant (the catch-up cutoff); null for no limit. */
  deadline: Date | null;
  /** Scheduled passes: which rows are due now, by local send time (asked before each claim). Without it every row is. */
  sendWindow?: () => SendWindow;
  signal?: AbortSignal;
  /** Called at the start and after each recorded message (CLI progress); costs one counts query. */
  onProgress?: (progress: DeliveryProgress) => void;
}

/**
 * Delivers the due rows of one issue: claim a small batch (SKIP LOCKED, so
 * replicas share the work and never the same row) and the next one ahead
 * while it sends, send with bounded concurrency, and record each outcome
 * right after the server answers (sent rows in small group commits). The
 * only rows a hard kill leaves ambiguous are the ≤ `concurrency` messages whose
 * 250 arrived but was not yet recorded; see docs/newsletter.md.
 */
export async function deliverIssue(input: DeliverInput): Promise<DeliveryReport> {
  const { issue, store, clock, options } = input;
  const report: DeliveryReport = {
    sent: 0,
    retried: 0,
    failed: 0,
    bounced: 0,
    skipped: 0,
    stopped: null,
    resumed: 0,
    leaseLost: 0,
    completed: false,
    heldElsewhere: { count: 0, leaseExpiresAt: null, workers: [] },
  };
  const { onProgress } = input;
  let notify = () => {};
  if (onProgress) {
    const counts = await store.counts(issue.id);
    const total = counts.pending + counts.sending;
    notify = () => onProgress({ sent: report.sent, failed: report.failed, retried: report.retried, total });
    notify();
  }
  const pass: PassState = { recorder: createSentRecorder(store, input.worker), releaseDelayMs: 0 };
  const claim = () => {
    const claimed = store.claim({
      issueId: issue.id,
      worker: input.worker,
      limit: options.batchSize,
      now: clock.now(),
      staleBefore: input.staleBefore(),
      maxAttempts: options.maxAttempts,
      ...(input.sendWindow ? { sendWindow: input.sendWindow() } : {}),
    });
    // Awaited later (or in the finally below); a failure must not surface as an unhandled rejection first.
    claimed.catch(() => {});
    return claimed;
  };
  const tally = (claimed: Awaited<ReturnType<DigestStore['claim']>>) => {
    report.skipped += claimed.skipped;
    report.failed += claimed.exhausted;
    report.resumed += claimed.resumed;
  };
  let ahead: ReturnType<typeof claim> | null = null;
  try {
    while (report.stopped === null) {
      if (input.signal?.aborted) report.stopped = 'aborted';
      else if (input.deadline && clock.now() > input.deadline) report.stopped = 'past the catch-up cutoff';
      if (report.stopped) break;
      const claimed = await (ahead ?? claim());
      ahead = null;
      tally(claimed);
      if (claimed.deliveries.length === 0) break;
      // Claim the next batch while this one sends, so the claim's round trip overlaps the SMTP work.
      if (claimed.deliveries.length === options.batchSize) ahead = claim();
      await sendBatch(input, claimed.deliveries, report, notify, pass);
    }
  } finally {
    // A batch claimed ahead but never started goes back, as unstarted rows of a batch do.
    if (ahead) await releaseAhead(input, ahead, tally, pass);
  }
  report.completed = await store.completeIfDone({ issueId: issue.id, now: clock.now() });
  if (!report.completed) {
    const held = await store.heldClaims({ issueId: issue.id, exceptWorker: input.worker });
    report.heldElsewhere = {
      count: held.count,
      leaseExpiresAt: held.newestClaimAt ? new Date(held.newestClaimAt.getTime() + options.leaseMs) : null,
      workers: held.workers,
    };
  }
  return report;
}

/** What the batches of one pass share. */
interface PassState {
  recorder: SentRecorder;
  /** Set when the mail server was unavailable: rows handed back wait this long. */
  releaseDelayMs: number;
}

async function releaseAhead(
  input: DeliverInput,
  ahead: ReturnType<DigestStore['claim']>,
  tally: (claimed: Awaited<ReturnType<DigestStore['claim']>>) => void,
  pass: PassState,
): Promise<void> {
  const claimed = await ahead.catch(() => null);
  if (!claimed) return;
  tally(claimed);
  if (claimed.deliveries.length === 0) return;
  const notBefore =
    pass.releaseDelayMs > 0 ? new Date(input.clock.now().getTime() + pass.releaseDelayMs) : null;
  await input.store
    .release({ ids: claimed.deliveries.map((d) => d.id), worker: input.worker, notBefore })
    .catch((error: unknown) => {
      // Not fatal: the rows stay `sending`, never attempted, and go out again after the lease.
      input.logger.warn('could not hand back a batch claimed ahead', errorFields(error));
    });
}

/** Sends one claimed batch with `concurrency` workers; rows never started are released. */
async function sendBatch(
  input: DeliverInput,
  batch: ClaimedDelivery[],
  report: DeliveryReport,
  notify: () => void,
  pass: PassState,
): Promise<void> {
  const { store, clock, options, worker, logger } = input;
  const unstarted: ClaimedDelivery[] = [];
  let next = 0;
  let fatal: unknown = null;

  const sendOne = async (delivery: ClaimedDelivery) => {
    let email: OutgoingEmail;
    try {
      email = await input.render(delivery);
    } catch (error) {
      // Nothing was sent: hand the row back rather than strand it in `sending`.
      unstarted.push(delivery);
      throw error;
    }
    const result = await input.mailer.send(email);
    const now = clock.now();
    if (result.status === 'sent') {
      // Group-committed with the other workers' outcomes; this worker still waits for its own row.
      if (await pass.recorder.record({ id: delivery.id, messageId: result.messageId, sentAt: now }))
        report.sent++;
      else {
        report.leaseLost++;
        logger.warn('sent a message whose claim another worker had taken over (lease too short?)', {
          deliveryId: delivery.id,
        });
      }
      return;
    }
    const error = result.responseCode ? `${result.responseCode} ${result.error}` : result.error;
    if (result.kind === 'unavailable') {
      // Nothing was learned about this recipient: hand the row back uncounted and stop the pass.
      report.stopped ??= `mail server unavailable: ${result.error}`;
      pass.releaseDelayMs = options.unavailableDelayMs;
      unstarted.push(delivery);
    } else if (result.kind === 'permanent') {
      await store.markFailed({ id: delivery.id, worker, error, now, bounce: true });
      report.failed++;
      report.bounced++;
    } else if (delivery.attempts >= options.maxAttempts) {
      await store.markFailed({
        id: delivery.id,
        worker,
        error: `gave up after ${delivery.attempts} attempts: ${error}`,
        now,
        bounce: false,
      });
      report.failed++;
    } else {
      await store.markRetry({
        id: delivery.id,
        worker,
        error,
        nextAttemptAt: new Date(now.getTime() + options.retryDelayMs(delivery.attempts)),
      });
      report.retried++;
    }
  };

  const runWorker = async () => {
    while (next < batch.length) {
      const delivery = batch[next++]!;
      // Past half the lease another worker may soon take the row over: hand it back instead of racing.
      const tooOld = clock.now().getTime() - delivery.claimedAt.getTime() > options.leaseMs / 2;
      if (fatal !== null || report.stopped !== null || input.signal?.aborted || tooOld) {
        unstarted.push(delivery);
        continue;
      }
      try {
        await sendOne(delivery);
        notify();
      } catch (error) {
        // A database error after the send: the row stays `sending` and is retried after the lease (the documented window).
        fatal ??= error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, batch.length)) }, runWorker),
  );
  if (unstarted.length > 0) {
    const notBefore = pass.releaseDelayMs > 0 ? new Date(clock.now().getTime() + pass.releaseDelayMs) : null;
    await store.release({ ids: unstarted.map((d) => d.id), worker, notBefore }).catch((error: unknown) => {
      fatal ??= error;
    });
  }
  if (fatal !== null) throw fatal;
}
