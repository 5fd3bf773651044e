import type { Suppression } from '../../../../core/newsletter/bounce-events.js';
import { SUBSCRIBER_STATUSES } from '../../../../core/newsletter/subscriber-admin.js';
import type { Subscriber, SubscriberStatus } from '../../../../core/newsletter/types.js';
import type { WebNewsletter } from '../../web-deps.js';

/** The statuses, in the order the page shows them. */
export const STATUSES = SUBSCRIBER_STATUSES;

/** A status named in a query string, or undefined for "any". */
export function statusOf(value: string | undefined): SubscriberStatus | undefined {
  return STATUSES.find((s) => s === value);
}

/** What the subscribers page shows. */
export interface SubscribersData {
  query: string;
  status: SubscriberStatus | undefined;
  counts: Record<SubscriberStatus, number>;
  searched: boolean;
  results: Subscriber[];
  /** True when there were more matches than shown (the search's limit). */
  truncated: boolean;
  /** Addresses that bounced or complained (never emailed again): how many, and the newest. */
  suppressions: { total: number; recent: Suppression[] };
}

/** How many of the newest suppressions the page lists. */
export const SHOWN_SUPPRESSIONS = 20;

/** Counts by status and, when a search was made, its first matches. */
export async function loadSubscribers(
  newsletter: WebNewsletter,
  input: { query: string; status: SubscriberStatus | undefined },
): Promise<SubscribersData> {
  const { subscribers } = newsletter;
  const { query, status } = input;
  const [counts, suppressions] = await Promise.all([
    subscribers.counts(),
    newsletter.bounces.suppressions(SHOWN_SUPPRESSIONS),
  ]);
  const searched = query !== '' || status !== undefined;
  const found = searched
    ? await subscribers.search({ query, ...(status ? { status } : {}) })
    : { subscribers: [], truncated: false };
  return {
    query,
    status,
    counts,
    searched,
    results: found.subscribers,
    truncated: found.truncated,
    suppressions,
  };
}
