/** What a provider told us about one address: only these three change anything. */
export type BounceKind = 'hard-bounce' | 'soft-bounce' | 'complaint';

/** The providers whose notifications and CSV exports are understood; `generic` is a CSV format only. */
export const BOUNCE_PROVIDERS = ['ses', 'postmark', 'mailgun', 'sendgrid', 'resend'] as const;
export type BounceProvider = (typeof BOUNCE_PROVIDERS)[number];

/** One bounce or complaint for one address, already verified as coming from the provider. */
export interface BounceEvent {
  /** `ses`, `postmark`, … or `import:<format>` for a CSV row. */
  provider: string;
  /** The provider's own id of the event: with provider and address, the idempotency key. */
  eventId: string;
  /** Normalised (trimmed, lower-cased) address. */
  email: string;
  kind: BounceKind;
  /** When the provider says it happened (the soft-bounce window counts from here). */
  occurredAt: Date;
  /** The provider's reason, e.g. "smtp; 550 5.1.1 user unknown" (shown to admins, never to the public). */
  detail: string;
}

/** What recording one event did. */
export type BounceOutcome = 'duplicate' | 'recorded' | 'suppressed' | 'already-suppressed';

/** How soft bounces turn into a suppression: `threshold` of them within `windowDays`. */
export interface SoftBouncePolicy {
  threshold: number;
  windowDays: number;
}

/** One suppressed address, as admins see it. */
export interface Suppression {
  email: string;
  /** `hard-bounce`, `complaint` or `soft-bounces` (the threshold was reached). */
  reason: string;
  provider: string;
  detail: string;
  createdAt: Date;
}

/**
 * Persistence of bounce events and the suppression list. A suppressed
 * address is never emailed again: the digest's recipient query leaves it out
 * and account emails are not sent to it.
 */
export interface SuppressionStore {
  /**
   * In one transaction: stores the event unless (provider, eventId, email) is
   * already stored (then `duplicate`, nothing changes); suppresses the address
   * on a hard bounce or complaint, or on a soft bounce when `policy.threshold`
   * soft bounces fall within `policy.windowDays` before `now`; a subscriber
   * with that address becomes `bounced`.
   */
  record(event: BounceEvent, input: { now: Date; policy: SoftBouncePolicy }): Promise<BounceOutcome>;
  isSuppressed(email: string): Promise<boolean>;
  /** Suppressed addresses, newest first. */
  list(input: { limit: number }): Promise<Suppression[]>;
  count(): Promise<number>;
}
