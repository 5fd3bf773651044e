import { expect, it } from 'vitest';
import { createPrismaEventDeduper } from '../../../src/adapters/db/prisma-event-deduper.js';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import {
  createMaintenanceModule,
  pruneEventsModule,
} from '../../../src/adapters/maintenance/prune-events-module.js';
import type { Container } from '../../../src/container.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

describeEachDatabase('the prune-events module', (kind) => {
  const db = useTestDatabase(kind);

  it('deletes dedupe keys older than two days and practice showings older than 30 days at start, keeping recent ones', async () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const deduper = createPrismaEventDeduper(db().prisma);
    await deduper.claim('old');
    await deduper.claim('recent');
    await db().prisma.processedEvent.update({
      where: { key: 'old' },
      data: { createdAt: new Date('2026-11-20T00:00:00Z') },
    });
    await db().prisma.processedEvent.update({
      where: { key: 'recent' },
      data: { createdAt: new Date('2026-11-24T00:00:00Z') },
    });
    const practiceStore = createPrismaPracticeStore(db().prisma);
    const shown = (id: string, shownAt: string) =>
      practiceStore.recordShown({
        id,
        learner: 'web:x',
        itemId: 'rag~1',
        shownAt: new Date(shownAt),
        answer: null,
      });
    await shown('shown-old', '2026-10-01T00:00:00Z');
    await shown('shown-recent', '2026-11-20T00:00:00Z');
    const logger = createRecordingLogger();
    const container = {
      database: { eventDeduper: deduper, practiceStore, kind, maintain: () => db().maintain() },
      logger,
      clock: { now: () => now },
    } as unknown as Container;

    expect(pruneEventsModule.status(container).on).toBe(true);
    const running = await pruneEventsModule.start({ container, mount: () => {} });
    await running.stop();

    expect((await db().prisma.processedEvent.findMany()).map((e) => e.key)).toEqual(['recent']);
    expect((await db().prisma.practiceShown.findMany()).map((s) => s.id)).toEqual(['shown-recent']);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ message: 'pruned old chat dedupe keys', fields: { removed: 1 } }),
    );
  });

  const lastVacuum = async () => {
    const [row] = await db().prisma.$queryRaw<Array<{ vacuumed: Date | null; analyzed: Date | null }>>`
      SELECT last_vacuum AS vacuumed, last_analyze AS analyzed
      FROM pg_stat_user_tables WHERE relname = 'ProcessedEvent'`;
    return row!;
  };

  /** A container on this file's database whose `maintain` is the given one (recorded, gated or failing). */
  const containerWith = (maintain: () => Promise<boolean>, logger = createRecordingLogger()) =>
    ({
      database: {
        eventDeduper: createPrismaEventDeduper(db().prisma),
        practiceStore: createPrismaPracticeStore(db().prisma),
        kind,
        maintain,
      },
      logger,
      clock: { now: () => new Date() },
    }) as unknown as Container;

  it(`${kind === 'pglite' ? 'vacuums and analyzes the embedded database' : 'leaves vacuuming to the server'} when asked`, async () => {
    await createPrismaEventDeduper(db().prisma).claim('some-event');
    expect(await db().maintain()).toBe(kind === 'pglite');
    const after = await lastVacuum();
    if (kind === 'pglite') {
      expect(after.vacuumed).toBeInstanceOf(Date);
      expect(after.analyzed).toBeInstanceOf(Date);
    } else {
      expect(after.vacuumed).toBeNull();
    }
  });

  it('vacuums after its first delay and says so in its status', async () => {
    const logger = createRecordingLogger();
    await createPrismaEventDeduper(db().prisma).claim('some-event');
    let maintained = 0;
    const container = containerWith(async () => {
      const ran = await db().maintain();
      maintained += 1;
      return ran;
    }, logger);
    const module = createMaintenanceModule({ firstVacuumAfterMs: 0 });
    expect(module.status(container).detail.includes('vacuums the embedded database')).toBe(kind === 'pglite');

    const running = await module.start({ container, mount: () => {} });
    await expect.poll(() => maintained).toBe(1);
    await running.stop();
    if (kind === 'pglite') {
      expect((await lastVacuum()).vacuumed).toBeInstanceOf(Date);
      expect(logger.lines).toContainEqual(
        expect.objectContaining({ message: 'vacuumed and analyzed the embedded database' }),
      );
    } else {
      expect(logger.lines.map((l) => l.message)).not.toContain('vacuumed and analyzed the embedded database');
    }
  });

  it('waits on stop for a vacuum under way, so the database is not closed in the middle of one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const container = containerWith(async () => {
      started = true;
      await gate;
      return true;
    });
    const running = await createMaintenanceModule({ firstVacuumAfterMs: 0 }).start({
      container,
      mount: () => {},
    });
    await expect.poll(() => started).toBe(true);
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('logs a failed vacuum and keeps running', async () => {
    const logger = createRecordingLogger();
    const container = containerWith(async () => {
      throw new Error('disk full');
    }, logger);
    const running = await createMaintenanceModule({ firstVacuumAfterMs: 0 }).start({
      container,
      mount: () => {},
    });
    await expect
      .poll(() => logger.lines.find((l) => l.message === 'vacuuming the embedded database failed'))
      .toBeDefined();
    await running.stop();
  });

  it('is off without a database', () => {
    expect(pruneEventsModule.status({ database: null } as unknown as Container)).toEqual({
      on: false,
      detail: 'no database',
    });
  });
});
