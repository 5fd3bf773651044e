import type { DigestIssue, Subscriber } from '../../../core/newsletter/types.js';
import type { DigestIssue as IssueRow, Subscriber as SubscriberRow } from '../generated/client.js';

/** A Subscriber row as the core sees it. */
export function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    consentSource: row.consentSource,
    consentAt: row.consentAt,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    unsubscribedAt: row.unsubscribedAt,
    bouncedAt: row.bouncedAt,
    lastError: row.lastError,
    preferences: {
      pausedUntil: row.pausedUntil,
      cadence: row.cadence,
      cadenceParity: row.cadenceParity === 0 || row.cadenceParity === 1 ? row.cadenceParity : null,
      level: row.level,
      timeZone: row.timeZone,
      countClicks: row.countClicks,
    },
  };
}

/** A DigestIssue row as the core sees it. */
export function toIssue(row: IssueRow): DigestIssue {
  return {
    id: row.id,
    weekKey: row.weekKey,
    conceptSlug: row.conceptSlug,
    useCaseSlug: row.useCaseSlug,
    status: row.status,
    scheduledFor: row.scheduledFor,
    snapshotAt: row.snapshotAt,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
  };
}

// Ids are Postgres UUIDs: any other string would be a query error, not "not found".
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a string Postgres accepts as a uuid. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
