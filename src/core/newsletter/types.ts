/** Where a subscriber stands. Only `active` subscribers are snapshotted into an issue. */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced';

/** A subscriber as the newsletter sees it. */
export interface Subscriber {
  id: string;
  /** Normalised: trimmed and lower-cased. */
  email: string;
  status: SubscriberStatus;
  /** Where consent came from, e.g. "web", "slack:T123" or "import:crm-2026". */
  consentSource: string | null;
  /** When consent was given: the click on the confirmation link, or the admin import. */
  consentAt: Date | null;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  bouncedAt: Date | null;
  lastError: string | null;
  /** What the subscriber chose in the preference center. */
  preferences: SubscriberPreferences;
}

/**
 * A subscriber's choices in the preference center. Issues are snapshotted
 * when they are created, so a change applies from the next issue.
 */
export interface SubscriberPreferences {
  /** No issue is snapshotted for them before this instant; null when not paused. */
  pausedUntil: Date | null;
  cadence: 'weekly' | 'biweekly';
  /** With `biweekly`: they get the issues of weeks whose index (see isoWeekIndex) has this parity. */
  cadenceParity: 0 | 1 | null;
  /** `beginner`: only issues whose concept is for beginners. */
  level: 'all' | 'beginner';
  /**
   * IANA zone the issue is delivered in, at DIGEST_CRON's wall time there
   * (local-time delivery, decision 014); null: DIGEST_TZ. Stores always
   * report it; a change without it keeps the stored zone.
   */
  timeZone?: string | null;
  /** "Count my clicks": false means their digests carry plain links, no `/r/` redirect. */
  countClicks: boolean;
}

/** Lifecycle of a weekly issue: `sending` from the snapshot until no delivery is pending. */
export type IssueStatus = 'draft' | 'sending' | 'sent' | 'skipped';

/** One weekly issue: one concept and one use case. */
export interface DigestIssue {
  id: string;
  /** ISO week in DIGEST_TZ, e.g. `2026-W48`. */
  weekKey: string;
  conceptSlug: string;
  useCaseSlug: string;
  status: IssueStatus;
  /** The cron occurrence the issue belongs to; the catch-up cutoff counts from here. */
  scheduledFor: Date;
  snapshotAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** Lifecycle of one (issue, subscriber) delivery. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A delivery this worker has claimed and must now send. */
export interface ClaimedDelivery {
  id: string;
  subscriberId: string;
  email: string;
  /** Attempts so far, including this one. */
  attempts: number;
  claimedAt: Date;
  /** The subscriber's "Count my clicks" choice when claimed; false: their copy has plain links. Absent: counted. */
  countClicks?: boolean;
  /** The concept this copy teaches when it is not the issue's (welcome track, decision 013); null or absent: the issue's. */
  conceptSlug?: string | null;
}

/**
 * Which deliveries a scheduled pass may claim: those whose local send time
 * (`sendAfter`; rows without one are always due) lies within [from, to].
 * `to` is now; `from` is now minus the catch-up cutoff, so a row past its own
 * cutoff is left for expiry instead of being sent late.
 */
export interface SendWindow {
  from: Date | null;
  to: Date;
}

/** Deliveries of one issue by outcome. `skipped` are failed rows whose subscriber left before the send. */
export interface DeliveryCounts {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  total: number;
}

/** A delivery that did not go out, for `tutor digest status`. */
export interface DeliveryFailure {
  email: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

/** An admin's choice for a week: either or both may be set. */
export interface DigestPin {
  weekKey: string;
  conceptSlug: string | null;
  useCaseSlug: string | null;
}

/** Everything stored about one subscriber, for the self-service data export. */
export interface SubscriberExport {
  subscriber: Subscriber;
  /** When a data link was last emailed on request (kept for the per-address throttle). */
  manageLinkSentAt: Date | null;
  deliveries: Array<{
    weekKey: string;
    status: DeliveryStatus;
    attempts: number;
    sentAt: Date | null;
    /** The concept that copy taught when it was not the issue's (welcome track); null: the issue's. */
    conceptSlug?: string | null;
  }>;
  /**
   * Chat identities linked to this record (pseudonymous `chat:<platform>:<salted hash>`
   * learner ids), whose practice is kept with the subscriber's.
   */
  chatLearners: Array<{ learner: string; linkedAt: Date }>;
  /** The welcome email (decision 013): whether and when it went out; null when none was due. */
  welcome: { status: DeliveryStatus; attempts: number; sentAt: Date | null } | null;
}
