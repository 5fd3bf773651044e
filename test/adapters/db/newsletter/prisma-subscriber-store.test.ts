import { expect, it } from 'vitest';
import { createPrismaDigestStore } from '../../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { createPrismaSubscriberStore } from '../../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { describeEachDatabase, useTestDatabase } from '../../../setup/test-database.js';

const now = new Date('2026-11-20T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;

describeEachDatabase('PrismaSubscriberStore', (kind) => {
  const db = useTestDatabase(kind);
  const store = () => createPrismaSubscriberStore(db().prisma);

  it('creates one pending subscriber however many requests race', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store().ensurePending({ email: 'race@example.com', now })),
    );
    expect(new Set(results.map((s) => s.id)).size).toBe(1);
    expect(results[0]).toMatchObject({
      email: 'race@example.com',
      status: 'pending',
      consentSource: null,
      consentAt: null,
    });
  });

  it('confirms with a stored token: active, consent time and source recorded; a second click says already confirmed', async () => {
    const s = await store().ensurePending({ email: 'confirm@example.com', now });
    await store().addConfirmToken({
      subscriberId: s.id,
      tokenHash: 'h-confirm',
      source: 'slack:T123',
      expiresAt: later(7 * DAY),
      now,
    });
    expect(await store().lastUnusedConfirmTokenAt(s.id)).toEqual(now);
    const first = await store().confirm({ tokenHash: 'h-confirm', now: later(1000) });
    expect(first.outcome).toBe('confirmed');
    expect(first.subscriber).toMatchObject({
      status: 'active',
      consentSource: 'slack:T123',
      consentAt: later(1000),
      confirmedAt: later(1000),
    });
    expect((await store().confirm({ tokenHash: 'h-confirm', now: later(2000) })).outcome).toBe(
      'already-confirmed',
    );
    expect((await store().confirm({ tokenHash: 'unknown', now })).outcome).toBe('unknown');
    expect(await store().lastUnusedConfirmTokenAt(s.id)).toBeNull();
  });

  it('refuses an expired confirm token and leaves the subscriber pending', async () => {
    const s = await store().ensurePending({ email: 'late@example.com', now });
    await store().addConfirmToken({
      subscriberId: s.id,
      tokenHash: 'h-late',
      source: 'web',
      expiresAt: later(7 * DAY),
      now,
    });
    expect((await store().confirm({ tokenHash: 'h-late', now: later(7 * DAY + 1) })).outcome).toBe('expired');
    expect((await store().findById(s.id))!.status).toBe('pending');
  });

  it('unsubscribes idempotently and lets a re-subscription confirm again', async () => {
    const s = await store().ensurePending({ email: 'back@example.com', now });
    await store().addConfirmToken({
      subscriberId: s.id,
      tokenHash: 'h-back-1',
      source: 'web',
      expiresAt: later(DAY),
      now,
    });
    await store().confirm({ tokenHash: 'h-back-1', now });
    expect(await store().unsubscribe({ id: s.id, now: later(1) })).toBe(true);
    expect(await store().unsubscribe({ id: s.id, now: later(2) })).toBe(false);
    expect(await store().findById(s.id)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: later(1) });
    // Asking again keeps the unsubscribe in force until the new link is used.
    expect((await store().ensurePending({ email: 'back@example.com', now: later(3) })).status).toBe(
      'unsubscribed',
    );
    await store().addConfirmToken({
      subscriberId: s.id,
      tokenHash: 'h-back-2',
      source: 'discord:G1',
      expiresAt: later(DAY),
      now,
    });
    expect((await store().confirm({ tokenHash: 'h-back-2', now: later(4) })).subscriber).toMatchObject({
      status: 'active',
      consentSource: 'discord:G1',
      unsubscribedAt: null,
    });
  });

  it('imports with consent, upgrades a pending request, and never re-activates an unsubscribe or a bounce', async () => {
    const st = store();
    expect(await st.addConsented({ email: 'imp-new@example.com', consentSource: 'import:crm', now })).toBe(
      'added',
    );
    expect(await st.findByEmail('imp-new@example.com')).toMatchObject({
      status: 'active',
      consentSource: 'import:crm',
      consentAt: now,
    });
    expect(await st.addConsented({ email: 'imp-new@example.com', consentSource: 'import:crm', now })).toBe(
      'already-active',
    );
    await st.ensurePending({ email: 'imp-pending@example.com', now });
    expect(
      await st.addConsented({ email: 'imp-pending@example.com', consentSource: 'import:crm', now }),
    ).toBe('activated');
    const gone = await st.ensurePending({ email: 'imp-gone@example.com', now });
    await st.unsubscribe({ id: gone.id, now });
    expect(await st.addConsented({ email: 'imp-gone@example.com', consentSource: 'import:crm', now })).toBe(
      'suppressed',
    );
    await db().prisma.subscriber.create({
      data: { email: 'imp-bounced@example.com', status: 'bounced', updatedAt: now },
    });
    expect(
      await st.addConsented({ email: 'imp-bounced@example.com', consentSource: 'import:crm', now }),
    ).toBe('suppressed');
    expect((await st.findByEmail('imp-gone@example.com'))!.status).toBe('unsubscribed');
  });

  it('exports a subscriber with their delivery history, and deletes them with everything attached', async () => {
    const st = store();
    await st.addConsented({ email: 'gdpr@example.com', consentSource: 'import:crm', now });
    const s = (await st.findByEmail('gdpr@example.com'))!;
    await st.addConfirmToken({
      subscriberId: s.id,
      tokenHash: 'h-gdpr',
      source: 'web',
      expiresAt: later(DAY),
      now,
    });
    await createPrismaDigestStore(db().prisma).createIssue({
      weekKey: '2026-W47',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: now,
      now,
      reviveSkipped: false,
    });
    const exported = await st.exportData(s.id);
    expect(exported?.subscriber).toMatchObject({ email: 'gdpr@example.com', consentSource: 'import:crm' });
    expect(exported?.deliveries).toEqual([
      { weekKey: '2026-W47', status: 'pending', attempts: 0, sentAt: null },
    ]);
    expect(exported?.manageLinkSentAt).toBeNull();
    expect(exported?.welcome).toBeNull();
    const welcomedAt = new Date(now.getTime() + 60_000);
    await db().prisma.welcomeEmail.create({
      data: { subscriberId: s.id, status: 'sent', attempts: 1, sentAt: welcomedAt },
    });
    expect((await st.exportData(s.id))?.welcome).toEqual({ status: 'sent', attempts: 1, sentAt: welcomedAt });
    expect(await st.delete(s.id)).toBe(true);
    expect(await st.findById(s.id)).toBeNull();
    expect(await db().prisma.subscriberToken.count({ where: { subscriberId: s.id } })).toBe(0);
    expect(await db().prisma.delivery.count({ where: { subscriberId: s.id } })).toBe(0);
    expect(await st.delete(s.id)).toBe(false);
    expect(await st.exportData('not-a-uuid')).toBeNull();
  });

  it('lists the concepts sent before a week, oldest copy first, a copy with its own concept under that concept', async () => {
    const st = store();
    const reader = await st.ensurePending({ email: 'sent@example.com', now });
    const other = await st.ensurePending({ email: 'other@example.com', now });
    const issue = (weekKey: string, conceptSlug: string) =>
      db().prisma.digestIssue.create({
        data: { weekKey, conceptSlug, useCaseSlug: 'cost-forecasting', status: 'sent', scheduledFor: now },
      });
    const [w45, w46, w47, w48] = await Promise.all([
      issue('2031-W05', 'rag'),
      issue('2031-W06', 'token'),
      issue('2031-W07', 'embeddings'),
      issue('2031-W08', 'temperature'),
    ]);
    const copy = (
      issueId: string,
      subscriberId: string,
      day: number,
      status: 'sent' | 'failed' | 'pending',
      conceptSlug?: string,
    ) =>
      db().prisma.delivery.create({
        data: {
          issueId,
          subscriberId,
          status,
          createdAt: later(day * DAY),
          sentAt: status === 'sent' ? later(day * DAY + 1000) : null,
          ...(conceptSlug ? { conceptSlug } : {}),
        },
      });
    await copy(w45.id, reader.id, 0, 'sent');
    await copy(w46.id, reader.id, 7, 'sent', 'api');
    await copy(w47.id, reader.id, 14, 'failed');
    await copy(w48.id, reader.id, 21, 'sent');
    await copy(w47.id, other.id, 14, 'sent');

    expect(await st.conceptsSent({ id: reader.id, beforeWeekKey: '2031-W08' })).toEqual([
      { conceptSlug: 'rag', sentAt: later(1000) },
      { conceptSlug: 'api', sentAt: later(7 * DAY + 1000) },
    ]);
    expect(await st.conceptsSent({ id: reader.id, beforeWeekKey: '2031-W05' })).toEqual([]);
    expect(await st.conceptsSent({ id: 'not-a-uuid', beforeWeekKey: '2031-W08' })).toEqual([]);
  });

  it('reserves one data link per window however many requests race', async () => {
    const s = await store().ensurePending({ email: 'manage@example.com', now });
    const window = { now, notBefore: later(-10 * 60_000) };
    const first = await Promise.all(
      Array.from({ length: 8 }, () => store().reserveManageLink({ id: s.id, ...window })),
    );
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(
      await store().reserveManageLink({ id: s.id, now: later(60_000), notBefore: later(-9 * 60_000) }),
    ).toBe(false);
    expect(await store().reserveManageLink({ id: s.id, now: later(10 * 60_000), notBefore: now })).toBe(true);
    expect(await store().reserveManageLink({ id: 'not-a-uuid', ...window })).toBe(false);
  });

  it('expires only never-confirmed requests older than the cutoff', async () => {
    const st = store();
    await st.ensurePending({ email: 'exp-old@example.com', now: new Date(now.getTime() - 8 * DAY) });
    await st.ensurePending({ email: 'exp-fresh@example.com', now: new Date(now.getTime() - DAY) });
    const wasActive = await st.ensurePending({
      email: 'exp-unsub@example.com',
      now: new Date(now.getTime() - 30 * DAY),
    });
    await st.unsubscribe({ id: wasActive.id, now });
    const removed = await st.expirePending(new Date(now.getTime() - 7 * DAY));
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await st.findByEmail('exp-old@example.com')).toBeNull();
    expect(await st.findByEmail('exp-fresh@example.com')).not.toBeNull();
    expect(await st.findByEmail('exp-unsub@example.com')).not.toBeNull();
  });

  it('pages through subscribers by id without loading them all, and counts by status', async () => {
    const st = store();
    const seen: string[] = [];
    let afterId: string | null = null;
    for (;;) {
      const page = await st.page({ afterId, limit: 3, status: 'active' });
      if (page.length === 0) break;
      seen.push(...page.map((s) => s.email));
      afterId = page.at(-1)!.id;
    }
    const counts = await st.countByStatus();
    expect(seen).toHaveLength(counts.active);
    expect(new Set(seen).size).toBe(seen.length);
    expect(Object.keys(counts).sort()).toEqual(['active', 'bounced', 'pending', 'unsubscribed']);
  });
});
