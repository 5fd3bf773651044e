import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';
import { practiceStatsContract, practiceStoreContract } from './practice-store-contract.js';

describe('PracticeStore [memory]', () => {
  const store = createMemoryPracticeStore();
  practiceStoreContract(() => store);
  practiceStatsContract(() => store);
});

describeEachDatabase('PracticeStore', (kind) => {
  const db = useTestDatabase(kind);
  practiceStoreContract(() => createPrismaPracticeStore(db().prisma));
  practiceStatsContract(() => createPrismaPracticeStore(db().prisma));
  // The pick's statements straight to the driver, as the app opens it (PGlite's own query on PGlite).
  describe('with the driver SQL', () => {
    practiceStoreContract(() => createPrismaPracticeStore(db().prisma, db().sql));
  });

  // PGlite allows one process per folder, so only a server has replicas to race.
  if (kind === 'postgres') {
    it('grades once and writes one version when two replicas race', async () => {
      const other = await db().reopen();
      const mine = createPrismaPracticeStore(db().prisma);
      const theirs = createPrismaPracticeStore(other.prisma);
      const id = randomUUID();
      await mine.recordShown({ id, learner: 'web:r', itemId: 'a~1', shownAt: new Date(), answer: null });
      const answer = { choice: 1, correct: false, answeredAt: new Date() };
      const results = await Promise.all([
        mine.answerShown(id, answer),
        theirs.answerShown(id, answer),
        mine.answerShown(id, answer),
        theirs.answerShown(id, answer),
      ]);
      expect(results.filter((r) => r?.first)).toHaveLength(1);
      await other.close();
    });
  }
});
