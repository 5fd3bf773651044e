import { describe } from 'vitest';
import { createPrismaQuestionLog } from '../../../src/adapters/db/prisma-question-log.js';
import { createMemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';
import { questionLogContract } from './question-log-contract.js';

// One contract for the in-memory log and both databases, so they cannot drift apart.
describe('QuestionLog [memory]', () => {
  questionLogContract(async (clock) => createMemoryQuestionLog(clock));
});

describeEachDatabase('QuestionLog [Prisma]', (kind) => {
  const db = useTestDatabase(kind);
  questionLogContract(async (clock) => {
    await db().prisma.question.deleteMany();
    return createPrismaQuestionLog(db().prisma, { clock });
  });
});
