import type { SubscriberStatus } from '../../../../core/newsletter/types.js';
import type { WebNewsletter } from '../../web-deps.js';

/** The statuses, in the order the page shows them. */
export const STATUSES: readonly SubscriberStatus[] = ['active', 'pending', 'unsubscribed', 'bounced'];
/** Matches shown at most. */
export const SEARCH_LIMIT = 100;

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
  results: Awaited<ReturnType<WebNewsletter['subscribers']['search']>>;
}

/** Counts by status and, when a search was made, its first matches. */
export async function loadSubscribers(
  newsletter: WebNewsletter,
  input: { query: string; status: SubscriberStatus | undefined },
): Promise<SubscribersData> {
  const { subscribers } = newsletter;
  const { query, status } = input;
  const counts = await subscribers.countByStatus();
  const searched = query !== '' || status !== undefined;
  const results = searched
    ? await subscribers.search({ emailContains: query, limit: SEARCH_LIMIT, ...(status ? { status } : {}) })
    : [];
  return { query, status, counts, searched, results };
}
