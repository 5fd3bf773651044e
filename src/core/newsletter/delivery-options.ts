/** Tuning of the delivery loop; the defaults suit one SMTP relay and a few replicas. */
export interface DeliveryOptions {
  /** Rows claimed per transaction. Small, so a crashed worker strands few rows and others share the work. */
  batchSize: number;
  /**
   * Messages in flight at once: handed to the mailer and not yet recorded.
   * Bounds the duplicates a crash can cause. The service uses twice the SMTP
   * pool, so the pool stays busy while statuses are written (decision 009).
   */
  concurrency: number;
  /** Attempts per delivery before it is marked failed (4xx retries, interrupted sends). */
  maxAttempts: number;
  /**
   * A claim older than this belongs to a worker presumed dead; its rows are
   * claimed again. Must exceed the time one batch can take (SMTP timeouts included).
   */
  leaseMs: number;
  /** Delay before retry number `attempt + 1` after a transient failure. */
  retryDelayMs(attempt: number): number;
  /** How long to wait before trying again when the mail server is unavailable. */
  unavailableDelayMs: number;
}

/** 1 min, 4 min, 16 min, 64 min … capped at 4 h, with ±10% jitter so replicas do not retry in lockstep. */
export function defaultRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000 * 4 ** Math.max(0, attempt - 1), 4 * 3_600_000);
  return Math.round(base * (0.9 + random() * 0.2));
}

/** The defaults: batches of 50, 5 in flight, 5 attempts, a 10-minute lease. */
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  batchSize: 50,
  concurrency: 5,
  maxAttempts: 5,
  leaseMs: 10 * 60_000,
  retryDelayMs: (attempt) => defaultRetryDelayMs(attempt),
  unavailableDelayMs: 60_000,
};
