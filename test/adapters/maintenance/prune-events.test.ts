import { expect, it } from 'vitest';
import { createPrismaEventDeduper } from '../../../src/adapters/db/prisma-event-deduper.js';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import { pruneEventsModule } from '../../../src/adapters/maintenance/prune-events-module.js';
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
      database: { eventDeduper: deduper, practiceStore },
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

  it('is off without a database', () => {
    expect(pruneEventsModule.status({ database: null } as unknown as Container)).toEqual({
      on: false,
      detail: 'no database',
    });
  });
});
