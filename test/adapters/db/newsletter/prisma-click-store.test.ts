import { expect, it } from 'vitest';
import { createPrismaClickStore } from '../../../../src/adapters/db/newsletter/prisma-click-store.js';
import { createPrismaDigestStore } from '../../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { describeEachDatabase, useTestDatabase } from '../../../setup/test-database.js';
import { seedSubscribers } from './seed.js';

const now = new Date('2026-12-01T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const WINDOW = 30 * 60_000;

const click = (over: Partial<Parameters<ReturnType<typeof createPrismaClickStore>['record']>[0]> = {}) => ({
  weekKey: '2026-W49',
  conceptSlug: 'token',
  link: 'concept',
  url: 'https://tutor.example.com/concepts/token',
  dedupeKey: 'k-1',
  dedupeUntil: later(WINDOW),
  now,
  ...over,
});

describeEachDatabase('PrismaClickStore', (kind) => {
  const db = useTestDatabase(kind);
  const stores = () => ({
    clicks: createPrismaClickStore(db().prisma),
    digests: createPrismaDigestStore(db().prisma),
  });
  const issue = async (weekKey: string, conceptSlug = 'token') =>
    (
      await stores().digests.createIssue({
        weekKey,
        conceptSlug,
        useCaseSlug: 'cost-forecasting',
        scheduledFor: now,
        now,
        reviveSkipped: false,
      })
    ).issue;

  it('counts a click with one upsert, and a replayed dedupe key not again', async () => {
    const { clicks } = stores();
    await issue('2026-W49');
    expect(await clicks.record(click())).toBe(true);
    expect(await clicks.record(click({ now: later(1000) }))).toBe(false);
    expect(await clicks.record(click({ dedupeKey: 'k-2', now: later(2000) }))).toBe(true);
    expect(
      await clicks.record(
        click({ dedupeKey: 'k-3', link: 'archive', url: 'https://tutor.example.com/archive/2026-W49' }),
      ),
    ).toBe(true);
    const totals = await clicks.totals();
    expect(totals).toEqual([
      { weekKey: '2026-W49', conceptSlug: 'token', link: 'concept', url: click().url, clicks: 2 },
      {
        weekKey: '2026-W49',
        conceptSlug: 'token',
        link: 'archive',
        url: 'https://tutor.example.com/archive/2026-W49',
        clicks: 1,
      },
    ]);
    const row = await db().prisma.linkClick.findFirstOrThrow({ where: { link: 'concept' } });
    expect(row).toMatchObject({ firstAt: now, lastAt: later(2000) });
  });

  it('counts a copy that taught another concept under that concept, apart from the issue’s own', async () => {
    const { clicks } = stores();
    await issue('2026-W31');
    expect(await clicks.record(click({ weekKey: '2026-W31', dedupeKey: 'own' }))).toBe(true);
    expect(
      await clicks.record(click({ weekKey: '2026-W31', conceptSlug: 'temperature', dedupeKey: 'other' })),
    ).toBe(true);
    const rows = (await clicks.totals()).filter((t) => t.weekKey === '2026-W31');
    expect(rows.map((r) => [r.conceptSlug, r.link, r.clicks]).sort()).toEqual([
      ['temperature', 'concept', 1],
      ['token', 'concept', 1],
    ]);
  });

  it('counts nothing for a week with no issue, or an issue that was skipped', async () => {
    const { clicks, digests } = stores();
    expect(await clicks.record(click({ weekKey: '2026-W30', dedupeKey: 'none' }))).toBe(false);
    await digests.recordSkipped({
      weekKey: '2026-W32',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: now,
      now,
    });
    expect(await clicks.record(click({ weekKey: '2026-W32', dedupeKey: 'skipped' }))).toBe(false);
    const weeks = (await clicks.totals()).map((t) => t.weekKey);
    expect(weeks).not.toContain('2026-W30');
    expect(weeks).not.toContain('2026-W32');
  });

  it('adds every click of many racing at once, and one of racing replays', async () => {
    const { clicks } = stores();
    await issue('2026-W40');
    const distinct = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        clicks.record(click({ weekKey: '2026-W40', dedupeKey: `race-${i}` })),
      ),
    );
    expect(distinct.every(Boolean)).toBe(true);
    const replays = await Promise.all(
      Array.from({ length: 6 }, () => clicks.record(click({ weekKey: '2026-W40', dedupeKey: 'same' }))),
    );
    expect(replays.filter(Boolean)).toHaveLength(1);
    expect((await clicks.totals()).find((t) => t.weekKey === '2026-W40')?.clicks).toBe(13);
  });

  it('forgets dedupe keys whose window ended, so the next window counts again', async () => {
    const { clicks } = stores();
    await issue('2026-W41');
    await clicks.record(click({ weekKey: '2026-W41', dedupeKey: 'old', dedupeUntil: later(WINDOW) }));
    await clicks.record(click({ weekKey: '2026-W41', dedupeKey: 'new', dedupeUntil: later(2 * WINDOW) }));
    expect(await clicks.pruneSeen(later(WINDOW))).toBeGreaterThanOrEqual(1);
    const left = await db().prisma.linkClickSeen.findMany({ where: { key: { in: ['old', 'new'] } } });
    expect(left.map((r) => r.key)).toEqual(['new']);
  });

  it('deletes an issue’s counters with the issue', async () => {
    const { clicks } = stores();
    const created = await issue('2026-W42');
    await clicks.record(click({ weekKey: '2026-W42', dedupeKey: 'gone' }));
    await db().prisma.digestIssue.delete({ where: { id: created.id } });
    expect((await clicks.totals()).map((t) => t.weekKey)).not.toContain('2026-W42');
  });

  it("hands each claimed delivery its subscriber's click-counting choice", async () => {
    const { digests } = stores();
    const [on, off] = await seedSubscribers(db().prisma, 2, 'active', 'clicks');
    await db().prisma.subscriber.update({ where: { email: off! }, data: { countClicks: false } });
    const created = await issue('2026-W43');
    const { deliveries } = await digests.claim({
      issueId: created.id,
      worker: 'w',
      limit: 100,
      now,
      staleBefore: later(-600_000),
      maxAttempts: 3,
    });
    expect(deliveries.find((d) => d.email === on)?.countClicks).toBe(true);
    expect(deliveries.find((d) => d.email === off)?.countClicks).toBe(false);
  });
});
