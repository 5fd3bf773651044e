import { afterEach, describe, expect, it } from 'vitest';
import { createPrismaQuestionLog } from '../../../src/adapters/db/prisma-question-log.js';
import type { QuestionLog } from '../../../src/core/ports.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Logs an answered question, as /ask would have, and returns its id. */
async function loggedQuestion(log: QuestionLog): Promise<string> {
  const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const { id } = await log.record({
    text: 'How many tokens is a word?',
    platform: 'discord',
    userHash: 'a'.repeat(64),
    mode: 'ai',
    covered: true,
    sources: [{ slug: 'token', title: 'Token' }],
    usage,
    latencyMs: 900,
  });
  return id;
}

/** A click on a feedback button (or the reason form) of the answer with `questionId`. */
function click(
  name: 'interaction-feedback-button' | 'interaction-feedback-reason-modal',
  customId: string,
  questionId: string,
) {
  const base = fixture(name);
  return {
    ...base,
    data: JSON.parse(
      JSON.stringify(base.data).replaceAll(base.data.custom_id, customId.replace('QUESTION_ID', questionId)),
    ),
  };
}

const edited = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.bot}/${token}/messages/@original`;

function feedbackSuite(openLog: () => Promise<QuestionLog>) {
  it('stores a 👍 and thanks the voter privately, after deferring', async () => {
    const log = await openLog();
    h = await startHarness({ questionLog: log });
    const id = await loggedQuestion(log);
    const interaction = click('interaction-feedback-button', 'tutor:feedback:up:QUESTION_ID', id);
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor(edited(interaction.token));
    expect(h.interactionCalls(interaction)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit.body.content).toBe('Thanks for the 👍, glad it helped.');
    expect(await log.get(id)).toMatchObject({ feedback: 1, feedbackReason: null });
  });

  it('stores a 👎, offers a reason form, and stores the reason with the vote', async () => {
    const log = await openLog();
    h = await startHarness({ questionLog: log });
    const id = await loggedQuestion(log);
    const down = click('interaction-feedback-button', 'tutor:feedback:down:QUESTION_ID', id);
    h.dispatch('INTERACTION_CREATE', down);
    const edit = await h.api.waitFor(edited(down.token));
    expect(await log.get(id)).toMatchObject({ feedback: -1 });
    const offer = edit.body.components[0].components[0];
    expect(offer).toMatchObject({ label: 'Add a reason', custom_id: `tutor:feedback-reason:${id}` });

    // The form opens as the immediate response (type 9, MODAL): a modal cannot follow a deferral.
    const open = click('interaction-feedback-button', offer.custom_id, id);
    h.dispatch('INTERACTION_CREATE', open);
    const modal = await h.api.waitFor((r) => r.path === `/interactions/${open.id}/${open.token}/callback`);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data).toMatchObject({
      custom_id: `tutor:feedback-reason:${id}`,
      components: [{ components: [{ custom_id: 'reason', max_length: 500 }] }],
    });

    const submit = click('interaction-feedback-reason-modal', `tutor:feedback-reason:QUESTION_ID`, id);
    h.dispatch('INTERACTION_CREATE', submit);
    const thanks = await h.api.waitFor(edited(submit.token));
    expect(thanks.body.content).toBe('Thanks, your reason is saved for the editors.');
    expect(await log.get(id)).toMatchObject({
      feedback: -1,
      feedbackReason: 'It mixed up tokens and words.',
    });
  });

  it('says so when the answer is no longer in the log', async () => {
    const log = await openLog();
    h = await startHarness({ questionLog: log });
    const interaction = click(
      'interaction-feedback-button',
      'tutor:feedback:up:QUESTION_ID',
      'f0e1d2c3-0000-4000-8000-000000000000',
    );
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor(edited(interaction.token));
    expect(edit.body.content).toMatch(/couldn't find that answer/);
  });
}

describe('feedback buttons [memory question log]', () => {
  feedbackSuite(async () =>
    (await import('../../../src/core/memory/memory-question-log.js')).createMemoryQuestionLog(),
  );

  it('answers a click on a button it does not know with a private note', async () => {
    h = await startHarness();
    const interaction = click('interaction-feedback-button', 'tutor:retired-button:1', 'x');
    h.dispatch('INTERACTION_CREATE', interaction);
    const reply = await h.api.waitFor(
      (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    expect(reply.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringMatching(/no longer works/) },
    });
  });
});

describe('feedback buttons [Prisma question log on PGlite]', () => {
  const db = useTestDatabase('pglite');
  feedbackSuite(async () => createPrismaQuestionLog(db().prisma));
});
