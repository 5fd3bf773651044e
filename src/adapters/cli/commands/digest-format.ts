import type { DeliveryProgress, DeliveryReport } from '../../../core/newsletter/deliver-issue.js';
import type { DigestRunReport } from '../../../core/newsletter/digest-job.js';
import type { ProgressState } from '../progress-line.js';

/** `1 delivery`, `2 deliveries`. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2026-11-24 09:00 UTC` */
export function formatTime(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-';
}

/** One line about a delivery pass, for `digest send` and `retry-failed`. */
export function formatDelivery(d: DeliveryReport): string {
  const parts = [`${d.sent} sent`, `${d.retried} to retry later`, `${d.failed} failed`];
  if (d.bounced > 0) parts.push(`${d.bounced} bounced`);
  if (d.skipped > 0) parts.push(`${d.skipped} skipped (unsubscribed since the snapshot)`);
  if (d.resumed > 0) parts.push(`${d.resumed} resumed after an interrupted send`);
  const end = d.stopped ? `; stopped early: ${d.stopped}` : d.completed ? '; the issue is complete' : '';
  return `${parts.join(', ')}${end}.`;
}

/** What a run did, in a sentence or two. */
export function formatRun(report: DigestRunReport): string {
  if (report.action === 'skipped') return `Skipped ${report.weekKey}: ${report.reason}.`;
  if (report.action === 'expired')
    return `Issue ${report.issue.weekKey} is past the catch-up cutoff; ${report.expired} unsent deliveries were marked failed.`;
  const head = report.created
    ? `Created issue ${report.issue.weekKey} (${report.issue.conceptSlug} + ${report.issue.useCaseSlug}) for ${plural(report.recipients, 'active subscriber', 'active subscribers')}.`
    : `Issue ${report.issue.weekKey} (${report.issue.conceptSlug} + ${report.issue.useCaseSlug}) already existed; delivering what is pending.`;
  return `${head}\n${formatDelivery(report.delivery)}`;
}

/** A delivery pass's progress as a progress line: every recorded message counts as done. */
export function deliveryProgress(p: DeliveryProgress): ProgressState {
  const detail = [p.failed > 0 && `${p.failed} failed`, p.retried > 0 && `${p.retried} to retry later`]
    .filter(Boolean)
    .join(', ');
  return { done: p.sent + p.failed + p.retried, total: p.total, ...(detail ? { detail } : {}) };
}

/**
 * What a send says when rows are still claimed by another sender: how many,
 * by whom, when the lease runs out, and how to take them over when that
 * sender is known to be dead. Null when nothing is held.
 */
export function describeHeldElsewhere(report: DigestRunReport & { action: 'delivered' }): string | null {
  const held = report.delivery.heldElsewhere;
  if (held.count === 0) return null;
  const week = report.issue.weekKey;
  const until = held.leaseExpiresAt
    ? `${held.leaseExpiresAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`
    : null;
  return (
    `${plural(held.count, 'delivery', 'deliveries')} of ${week} ${held.count === 1 ? 'is' : 'are'} still held by another sender (${held.workers.join(', ') || 'unknown'})` +
    `${until ? `; its lease expires at ${until}` : ''}. They go out when that sender finishes, or when you run this again after the lease expires.\n` +
    `If that sender is dead (it crashed or was killed), take them over now: tutor digest send --week ${week} --take-over-stale\n` +
    'Do not take over from a sender that is still running: it would lose its claims, and its messages in flight could go out twice.\n'
  );
}
