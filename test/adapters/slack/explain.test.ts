import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN_STALE, EXPLAIN_USAGE } from '../../../src/adapters/slack/render/explain-blocks.js';
import { RAG_EXPLANATIONS } from '../../core/practice/explain-back/explanations.js';
import { practiceLibrary } from '../../core/practice/practice-library.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const library = await practiceLibrary();

let fake: FakeSlackApi;
let harness: SlackHarness | undefined;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  harness?.logger && expect(errorsIn(harness.logger)).toEqual([]);
  await harness?.close();
  harness = undefined;
  fake.reset();
});

async function start(): Promise<SlackHarness> {
  const fixture = await createFixtureTutor(null);
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    library,
    settings: { publicUrl: 'https://tutor.example.com' },
  });
  return harness;
}

/** A signed /explain and the ephemeral reply it got (through the response URL, or in the ack). */
async function explain(h: SlackHarness, text: string, userId = 'U0ASKER001') {
  const fields: Record<string, string> = {
    ...slackFixture<Record<string, string>>('command-subscribe'),
    command: '/explain',
    text,
    user_id: userId,
    response_url: fake.responseUrl('cmd/explain'),
  };
  const before = fake.responses.length;
  const response = await h.send.command(fields);
  expect(response.status).toBe(200);
  await h.settle();
  const ackBody = await response.text();
  if (fake.responses.length === before) return JSON.parse(ackBody);
  return fake.responses.at(-1)!.body;
}

/** A signed block_actions click on "Show what I missed". */
async function reveal(h: SlackHarness, value: string, userId = 'U0ASKER001') {
  const payload = slackFixture<any>('block-actions-feedback', { QUESTION_ID: '' });
  payload.actions[0].action_id = 'tutor_explain_reveal';
  payload.actions[0].block_id = 'tutor_explain';
  payload.actions[0].value = value;
  payload.user.id = userId;
  payload.container.is_ephemeral = true;
  payload.response_url = fake.responseUrl('actions/explain');
  const before = fake.responses.length;
  expect((await h.send.interaction(payload)).status).toBe(200);
  await h.settle();
  expect(fake.responses.length).toBe(before + 1);
  return fake.responses.at(-1)!.body;
}

const blockText = (body: any) =>
  body.blocks
    .map((b: any) => b.text?.text ?? b.elements?.map((e: any) => e.text?.text ?? e.text).join(' '))
    .join('\n');

describe('Slack /explain', () => {
  it('replies privately with hints only and a "Show what I missed" button that reveals the rest in place', async () => {
    const h = await start();
    const hints = await explain(h, `rag ${RAG_EXPLANATIONS.partial}`);
    expect(hints.response_type).toBe('ephemeral');
    const text = blockText(hints);
    expect(text).toContain('Explain it back: Retrieval-augmented generation (RAG)');
    expect(text).toContain('Automatic check — no AI model configured');
    expect(text).toContain('What can go wrong with Retrieval-augmented generation (RAG)');
    expect(text).not.toContain('Garbage in, garbage out');
    const button = hints.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button).toMatchObject({ action_id: 'tutor_explain_reveal', text: { text: 'Show what I missed' } });

    const full = await reveal(h, button.value);
    expect(full.replace_original).toBe(true);
    const shown = blockText(full);
    expect(shown).toContain('*What is missing*');
    expect(shown).toContain('Garbage in, garbage out');
    expect(shown).toContain('<https://tutor.example.com/concepts/rag#common-pitfalls|Common pitfalls>');
    // A second click (a replay) shows the same feedback again, and grades nothing new.
    expect(blockText(await reveal(h, button.value))).toBe(shown);
  });

  it('takes a concept by its title, and shows what to explain when no explanation is given', async () => {
    const h = await start();
    const byTitle = await explain(h, `Retrieval augmented generation ${RAG_EXPLANATIONS.partial}`);
    expect(blockText(byTitle)).toContain('Explain it back: Retrieval-augmented generation (RAG)');
    const prompt = await explain(h, 'rag');
    expect(prompt.text).toContain(library.conceptBySlug.get('rag')!.explainBack);
    expect(prompt.text).toContain('/explain rag <your explanation>');
  });

  it('answers bad input with what to fix: nothing, an unknown concept, a too-long explanation', async () => {
    const h = await start();
    expect((await explain(h, '')).text).toBe(EXPLAIN_USAGE);
    expect((await explain(h, `embedings ${RAG_EXPLANATIONS.partial}`)).text).toContain(
      'Did you mean embeddings?',
    );
    expect((await explain(h, `rag ${'word '.repeat(300)}`)).text).toContain('the limit is 1,200');
  });

  it('turns away a forged or stale button without revealing anything', async () => {
    const h = await start();
    const hints = await explain(h, `rag ${RAG_EXPLANATIONS.partial}`);
    const value = JSON.parse(hints.blocks.find((b: any) => b.type === 'actions').elements[0].value);
    expect((await reveal(h, 'not json')).text).toBe(EXPLAIN_STALE);
    // The key alone is someone else's feedback: another member gets nothing.
    expect((await reveal(h, JSON.stringify({ k: value.k }), 'U0SOMEONE2')).text).toBe(EXPLAIN_STALE);
    expect((await reveal(h, JSON.stringify({ k: 'x'.repeat(32) }))).text).toBe(EXPLAIN_STALE);
  });

  it('grades again from the button when this process no longer has the feedback (another replica, a restart)', async () => {
    const h = await start();
    const value = JSON.stringify({ k: '0'.repeat(32), c: 'rag', e: RAG_EXPLANATIONS.partial });
    const full = await reveal(h, value);
    expect(blockText(full)).toContain('Garbage in, garbage out');
  });
});
