import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createPrismaEventDeduper } from '../../../src/adapters/db/prisma-event-deduper.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

describeEachDatabase('PrismaEventDeduper', (kind) => {
  const db = useTestDatabase(kind);
  const key = () => `slack:Ev${randomUUID()}`;

  it('returns true for the first claim of a key only', async () => {
    const deduper = createPrismaEventDeduper(db().prisma);
    const [a, b] = [key(), key()];
    expect(await deduper.claim(a)).toBe(true);
    expect(await deduper.claim(a)).toBe(false);
    expect(await deduper.claim(b)).toBe(true);
    expect(await deduper.claim(a)).toBe(false);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const deduper = createPrismaEventDeduper(db().prisma);
    const k = key();
    const results = await Promise.all(Array.from({ length: 25 }, () => deduper.claim(k)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  // PGlite allows one process per folder, so only a server has replicas to race: the case exists only there.
  if (kind === 'postgres') {
    it('lets exactly one win across two connections racing (two replicas)', async () => {
      const other = await db().reopen();
      const mine = createPrismaEventDeduper(db().prisma);
      const theirs = createPrismaEventDeduper(other.prisma);
      for (let round = 0; round < 10; round++) {
        const k = key();
        const results = await Promise.all([mine.claim(k), theirs.claim(k), mine.claim(k), theirs.claim(k)]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
      await other.close();
    });
  }

  it('prune forgets keys claimed before the cutoff only', async () => {
    const deduper = createPrismaEventDeduper(db().prisma);
    const [old, recent] = [key(), key()];
    await db().prisma.processedEvent.create({
      data: { key: old, createdAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    expect(await deduper.claim(recent)).toBe(true);

    expect(await deduper.prune(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(await deduper.claim(old)).toBe(true);
    expect(await deduper.claim(recent)).toBe(false);
  });

  // Last: it closes the suite's first connection, as a restart would.
  it('remembers claimed keys after the database is closed and reopened', async () => {
    const k = key();
    expect(await createPrismaEventDeduper(db().prisma).claim(k)).toBe(true);
    await db().disconnect();
    const reopened = await db().reopen();
    const deduper = createPrismaEventDeduper(reopened.prisma);
    expect(await deduper.claim(k)).toBe(false);
    expect(await deduper.claim(key())).toBe(true);
  });
});
