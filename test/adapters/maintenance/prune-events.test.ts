import { expect, it } from 'vitest';
import { createPrismaEventDeduper } from '../../../src/adapters/db/prisma-event-deduper.js';
import { pruneEventsModule } from '../../../src/adapters/maintenance/prune-events-module.js';
import type { Container } from '../../../src/container.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

describeEachDatabase('the prune-events module', (kind) => {
  const db = useTestDatabase(kind);

  it('deletes dedupe keys older than two days at start, keeping recent ones', async () => {
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
    const logger = createRecordingLogger();
    const container = {
      database: { eventDeduper: deduper },
      logger,
      clock: { now: () => now },
    } as unknown as Container;

    expect(pruneEventsModule.status(container).on).toBe(true);
    const running = await pruneEventsModule.start({ container, mount: () => {} });
    await running.stop();

    expect((await db().prisma.processedEvent.findMany()).map((e) => e.key)).toEqual(['recent']);
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
