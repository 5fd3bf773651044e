import type {
  ClaimedDelivery,
  DeliveryCounts,
  DeliveryFailure,
  DigestIssue,
  DigestPin,
  SendWindow,
  Subscriber,
  SubscriberExport,
  SubscriberPreferences,
  SubscriberStatus,
} from './types.js';
import type { ConceptCandidate, EarlierIssue } from './welcome-track.js';

/**
 * Decides, inside the snapshot transaction, which snapshotted subscribers'
 * copies teach another concept than the issue's (decision 013). Returns only
 * the copies that change: a slug, or null for no copy at all.
 */
export type ConceptPlan = (
  candidates: ConceptCandidate[],
  earlierIssues: EarlierIssue[],
) => Array<{ subscriberId: string; conceptSlug: string | null }>;

/**
 * `lastError` of a delivery that was never attempted because its subscriber
 * was no longer active when it came up (unsubscribed between snapshot and send).
 */
export const SKIPPED_PREFIX = 'skipped:';

/** What an admin import did with one address. */
export type ConsentedOutcome = 'added' | 'activated' | 'already-active' | 'suppressed';

/** Persistence of subscribers and their confirm tokens. */
export interface SubscriberStore {
  findByEmail(email: string): Promise<Subscriber | null>;
  findById(id: string): Promise<Subscriber | null>;
  /** Returns the subscriber with this address, creating a `pending` one (race-safe) when there is none. */
  ensurePending(input: { email: string; now: Date }): Promise<Subscriber>;
  /**
   * Stores a confirm token's hash; `source` is the consent source recorded when it is used,
   * `learner` the chat learner to link to the subscriber then (see `confirm`).
   */
  addConfirmToken(input: {
    subscriberId: string;
    tokenHash: string;
    source: string;
    learner?: string;
    expiresAt: Date;
    now: Date;
  }): Promise<void>;
  /** When the newest still-unused confirm token of this subscriber was issued, or null. */
  lastUnusedConfirmTokenAt(subscriberId: string): Promise<Date | null>;
  /**
   * Uses a confirm token: marks it used and makes its subscriber active with
   * consent stamped now, in one transaction. A token that carries a chat
   * learner links it to the subscriber (LearnerLink, moving any earlier link
   * of that learner) in the same transaction, and `linked` names it.
   * Reports what it found.
   */
  confirm(input: { tokenHash: string; now: Date }): Promise<{
    outcome: 'confirmed' | 'already-confirmed' | 'expired' | 'unknown';
    subscriber?: Subscriber;
    /** The chat learner linked by this confirmation (outcome `confirmed` only). */
    linked?: string;
  }>;
  /**
   * Reserves the right to email this subscriber a data link now: true (and
   * `now` recorded) unless one was sent after `notBefore`. Atomic, so
   * concurrent requests on any number of replicas send at most one.
   */
  reserveManageLink(input: { id: string; now: Date; notBefore: Date }): Promise<boolean>;
  /** Makes an active or pending subscriber `unsubscribed`; false when there was nothing to change. */
  unsubscribe(input: { id: string; now: Date }): Promise<boolean>;
  /** Stores the preference center's choices; false when the subscriber no longer exists. */
  setPreferences(input: { id: string; preferences: SubscriberPreferences; now: Date }): Promise<boolean>;
  /**
   * Adds an address with consent recorded by an admin. Never re-activates an
   * address that unsubscribed or bounced (`suppressed`): that needs the person's own confirmation.
   */
  addConsented(input: { email: string; consentSource: string; now: Date }): Promise<ConsentedOutcome>;
  /** Deletes the subscriber with its tokens and delivery history; false when unknown. */
  delete(id: string): Promise<boolean>;
  exportData(id: string): Promise<SubscriberExport | null>;
  /**
   * The concepts a subscriber was sent before `beforeWeekKey`, oldest copy
   * first, with when: the digest's recall check reads it for every recipient,
   * so it is one query, not the whole export. A welcome-track copy counts
   * under its own concept (decision 013).
   */
  conceptsSent(input: {
    id: string;
    beforeWeekKey: string;
  }): Promise<Array<{ conceptSlug: string; sentAt: Date }>>;
  /** Deletes `pending` subscribers created before `createdBefore` (unconfirmed after 7 days); returns how many. */
  expirePending(createdBefore: Date): Promise<number>;
  /** One page ordered by id, for streaming exports without loading everyone. */
  page(input: { afterId: string | null; limit: number; status?: SubscriberStatus }): Promise<Subscriber[]>;
  countByStatus(): Promise<Record<SubscriberStatus, number>>;
  /** Admin search: addresses containing `emailContains` (case-insensitive), optionally of one status, ordered by address. */
  search(input: { emailContains: string; status?: SubscriberStatus; limit: number }): Promise<Subscriber[]>;
}

/** Persistence of issues, pins and deliveries: the exactly-once machinery lives behind this port. */
export interface DigestStore {
  findIssue(weekKey: string): Promise<DigestIssue | null>;
  latestIssue(): Promise<DigestIssue | null>;
  /** Issues still `sending`, oldest first (for resuming after a restart and for retries). */
  openIssues(): Promise<DigestIssue[]>;
  /**
   * Subscribers an issue created now would go to (status active); with
   * `consentedBy`, only those whose consent (or, when none is recorded,
   * sign-up) is no later than it: the people who were waiting for an issue then.
   */
  countRecipients(input?: { consentedBy?: Date }): Promise<number>;
  /**
   * The distinct time zones (null: DIGEST_TZ) of the subscribers an issue
   * created now would go to: when the week's first local send time comes,
   * and when its last one's cutoff passes.
   */
  recipientTimeZones(): Promise<Array<string | null>>;
  /**
   * Concept, use case and cron occurrence of every issue that went out (not
   * skipped), oldest first; one row per week.
   */
  history(): Promise<
    Array<{ weekKey: string; conceptSlug: string; useCaseSlug: string; scheduledFor: Date }>
  >;
  getPin(weekKey: string): Promise<DigestPin | null>;
  setPin(pin: DigestPin): Promise<void>;
  clearPin(weekKey: string): Promise<boolean>;
  /**
   * The leader step, in one transaction under an advisory lock: create the
   * week's issue unless it exists, and snapshot every subscriber active at
   * this moment whose preferences take this issue (see receivesIssue in
   * preferences.ts) as a pending delivery. A `skipped` issue is revived when
   * `reviveSkipped`. Returns the issue and how many deliveries were created.
   */
  createIssue(input: {
    weekKey: string;
    conceptSlug: string;
    /**
     * The concept's difficulty: subscribers who chose "beginner only" are
     * snapshotted only for beginner concepts. The digest job always says;
     * without it (an issue made by hand) every level is snapshotted.
     */
    conceptDifficulty?: string;
    useCaseSlug: string;
    scheduledFor: Date;
    now: Date;
    reviveSkipped: boolean;
    /**
     * Each snapshotted delivery's local send time, from its subscriber's time
     * zone (null: DIGEST_TZ); called once per distinct zone. Without it rows
     * have no `sendAfter` and are due at once.
     */
    sendAfter?: (timeZone: string | null) => Date;
    /**
     * The welcome track: with it, subscribers on the track are snapshotted
     * whatever their level, and the plan picks each candidate's concept in
     * the same transaction (candidates: those on the track, those who already
     * received the issue's concept, beginner-only ones the level rule alone
     * would leave out). Without it, every copy teaches the issue's concept.
     */
    conceptPlan?: ConceptPlan;
  }): Promise<{ issue: DigestIssue; created: boolean; recipients: number }>;
  /** Records a week that was missed past the catch-up cutoff (no deliveries); returns the existing issue if any. */
  recordSkipped(input: {
    weekKey: string;
    conceptSlug: string;
    useCaseSlug: string;
    scheduledFor: Date;
    now: Date;
  }): Promise<DigestIssue>;
  /**
   * Claims up to `limit` deliveries of an issue that are due: pending with no
   * future `nextAttemptAt`, or `sending` with a claim older than `staleBefore`
   * (a crashed worker's in-flight rows; never `worker`'s own, which it is
   * still sending). Uses FOR UPDATE SKIP LOCKED, so
   * concurrent workers never claim the same row. Rows whose subscriber is no
   * longer active are marked failed (SKIPPED_PREFIX) instead of claimed; rows
   * already at `maxAttempts` are marked failed.
   */
  claim(input: {
    issueId: string;
    worker: string;
    limit: number;
    now: Date;
    staleBefore: Date;
    maxAttempts: number;
    /** Scheduled passes: only rows whose local send time is within it. Without it (manual sends) every row is due. */
    sendWindow?: SendWindow;
  }): Promise<{
    deliveries: ClaimedDelivery[];
    skipped: number;
    exhausted: number;
    /** How many of `deliveries` were abandoned `sending` rows (the in-flight window of a dead worker). */
    resumed: number;
  }>;
  /** Records the 250: status sent. Only if this worker still holds the claim; false when it lost it. */
  markSent(input: { id: string; worker: string; messageId: string; now: Date }): Promise<boolean>;
  /**
   * Records many 250s in one statement (group commit), each row only if this
   * worker still holds its claim. Returns the ids it recorded; an id missing
   * from the answer lost its claim to another worker.
   */
  markSentMany(input: {
    worker: string;
    sent: ReadonlyArray<{ id: string; messageId: string; sentAt: Date }>;
  }): Promise<string[]>;
  /** Back to pending after a transient failure, not before `nextAttemptAt`. */
  markRetry(input: { id: string; worker: string; error: string; nextAttemptAt: Date }): Promise<boolean>;
  /** Failed for good; with `bounce` the subscriber becomes `bounced` in the same transaction. */
  markFailed(input: {
    id: string;
    worker: string;
    error: string;
    now: Date;
    bounce: boolean;
  }): Promise<boolean>;
  /**
   * Rows of an issue still `sending` under another worker's claim (a sender
   * running elsewhere, or one that died and whose lease has not run out): how
   * many, the newest claim time, and up to five of the workers holding them.
   */
  heldClaims(input: { issueId: string; exceptWorker: string }): Promise<{
    count: number;
    newestClaimAt: Date | null;
    workers: string[];
  }>;
  /** Hands claimed rows that were never attempted back (the attempt is not counted). */
  release(input: { ids: string[]; worker: string; notBefore: Date | null }): Promise<number>;
  /** Marks the issue sent when no delivery is pending or sending; true when it did now. */
  completeIfDone(input: { issueId: string; now: Date }): Promise<boolean>;
  /** Fails every pending delivery of an issue (past the cutoff), and abandoned `sending` ones, with `reason`; returns how many. */
  expireUnsent(input: {
    issueId: string;
    reason: string;
    now: Date;
    staleBefore: Date;
    /**
     * Only rows whose local send time (`sendAfter`, else the issue's
     * `scheduledFor`) is before this: the catch-up cutoff per subscriber.
     * Without it every unsent row of the issue.
     */
    dueBefore?: Date;
  }): Promise<number>;
  counts(issueId: string): Promise<DeliveryCounts>;
  failures(input: { issueId: string; limit: number }): Promise<DeliveryFailure[]>;
  /** Failed (not skipped) deliveries of still-active subscribers back to pending, attempts reset; reopens the issue. */
  retryFailed(input: { issueId: string; now: Date }): Promise<number>;
}

/** One email, rendered; the mailer adds From, Reply-To and signing. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers such as List-Id and List-Unsubscribe. */
  headers?: Record<string, string>;
  /** `<id@domain>`; a stable id per delivery lets receivers collapse a rare duplicate. */
  messageId?: string;
}

/**
 * What happened to one message. Failures are results, not exceptions:
 * - `transient`: the server answered 4xx; retry later.
 * - `permanent`: the server refused this recipient or message (5xx); do not retry.
 * - `unavailable`: the mail server cannot be used right now (connection,
 *   authentication, sender refused); nothing about this recipient is known.
 */
export type SendResult =
  | { status: 'sent'; messageId: string; response: string }
  | {
      status: 'failed';
      kind: 'transient' | 'permanent' | 'unavailable';
      error: string;
      responseCode?: number;
    };

/** Sends email: SMTP in production, `.eml` files in the outbox by default. */
export interface Mailer {
  /** For logs and the startup line, e.g. "SMTP smtp.example.com:587" or "outbox ./data/outbox". */
  readonly description: string;
  send(email: OutgoingEmail): Promise<SendResult>;
  close(): Promise<void>;
}
