import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaEventDeduper } from '../../../src/adapters/db/prisma-event-deduper.js';
import { createPrismaQuestionLog } from '../../../src/adapters/db/prisma-question-log.js';
import { withLocalFallback } from '../../../src/core/chat/resilient-deduper.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let db: TestDatabase;
let h: Harness | undefined;
beforeAll(async () => {
  db = await openTestDatabase('pglite');
});
afterAll(() => db.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The bot wired to the real database stores, as the container wires them, on a database that has gone away. */
async function startOnClosedDatabase(): Promise<Harness> {
  const questionLog = createPrismaQuestionLog(db.prisma);
  const eventDeduper = withLocalFallback(createPrismaEventDeduper(db.prisma), createRecordingLogger());
  await db.disconnect();
  return startHarness({
    questionLog,
    eventDeduper,
    limits: { perUser: 5, windowMs: 60_000, dailyTokenBudget: 0 },
  });
}

const RETRY_APOLOGY = /couldn't record your question.*Please try again in a few minutes/;

describe('Discord while the database is down', () => {
  it('answers a mention with an apology and a retry hint instead of silence', async () => {
    h = await startOnClosedDatabase();
    const mention = fixture('message-mention');
    h.dispatch('MESSAGE_CREATE', mention);
    const reply = await h.api.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages`,
    );
    expect(reply.body.content).toMatch(RETRY_APOLOGY);
    expect(reply.body.message_reference).toMatchObject({ message_id: mention.id });
    expect(h.model.requests).toEqual([]);
  });

  it('answers /ask privately with the same apology', async () => {
    h = await startOnClosedDatabase();
    const interaction = fixture('interaction-ask');
    h.dispatch('INTERACTION_CREATE', interaction);
    const followUp = await h.api.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.bot}/${interaction.token}`,
    );
    expect(followUp.body).toMatchObject({ content: expect.stringMatching(RETRY_APOLOGY), flags: 64 });
    expect(h.model.requests).toEqual([]);
  });
});
