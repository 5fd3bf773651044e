import type { SubscriberPreferences } from './types.js';
import type { EarlierIssue } from './welcome-track.js';

/** A welcome email this worker has claimed and must now send. */
export interface ClaimedWelcome {
  subscriberId: string;
  email: string;
  /** Attempts so far, including this one. */
  attempts: number;
  claimedAt: Date;
}

/** Welcome emails by outcome. */
export interface WelcomeCounts {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
}

/** A subscriber on the welcome track, for the admin digest page. */
export interface TrackMember {
  subscriberId: string;
  email: string;
  level: SubscriberPreferences['level'];
  /** Their confirmation: issues snapshotted before it are their backlog. */
  trackSince: Date;
  welcomeStatus: 'pending' | 'sending' | 'sent' | 'failed';
  /** Concepts of their deliveries that went out or are on the way (not failed). */
  taken: string[];
}

/**
 * Persistence of welcome emails: one row per subscriber, created in the
 * confirmation's transaction, then claimed, sent and recorded like a
 * digest delivery (decision 013): claims use FOR UPDATE SKIP LOCKED, every
 * outcome is recorded only while this worker still holds the claim, and a
 * claim older than `staleBefore` was left by a dead worker and is taken over.
 */
export interface WelcomeStore {
  /**
   * Claims up to `limit` due welcomes: pending with no future `nextAttemptAt`,
   * or `sending` under a claim older than `staleBefore` and not `worker`'s.
   * Welcomes of subscribers no longer active are marked failed ("skipped: …")
   * instead; those already at `maxAttempts` are marked failed.
   */
  claim(input: {
    worker: string;
    limit: number;
    now: Date;
    staleBefore: Date;
    maxAttempts: number;
  }): Promise<{
    welcomes: ClaimedWelcome[];
    skipped: number;
    exhausted: number;
    /** How many of `welcomes` a dead worker had left `sending`: the documented in-flight window. */
    resumed: number;
  }>;
  /** Records the 250, only if this worker still holds the claim. */
  markSent(input: { subscriberId: string; worker: string; messageId: string; now: Date }): Promise<boolean>;
  /** Back to pending after a transient failure, not before `nextAttemptAt`. */
  markRetry(input: {
    subscriberId: string;
    worker: string;
    error: string;
    nextAttemptAt: Date;
  }): Promise<boolean>;
  /** Failed for good (a 5xx, or out of attempts). */
  markFailed(input: { subscriberId: string; worker: string; error: string }): Promise<boolean>;
  /** Hands claimed welcomes that were never attempted back (the attempt is not counted). */
  release(input: { subscriberIds: string[]; worker: string; notBefore: Date | null }): Promise<number>;
  counts(): Promise<WelcomeCounts>;
  /**
   * Active subscribers on the welcome track, newest first, up to `limit`,
   * with the issues that went out (to derive their position), and how many
   * active subscribers are on the track in all.
   */
  trackMembers(input: { limit: number }): Promise<{
    members: TrackMember[];
    total: number;
    earlierIssues: EarlierIssue[];
  }>;
}
