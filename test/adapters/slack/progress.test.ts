import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createScriptedModel, type ScriptedModel } from './support/scripted-model.js';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

let fake: FakeSlackApi;
let harness: SlackHarness | undefined;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  fake.reset();
});

async function start(model: ScriptedModel, draftIntervalMs = 20): Promise<SlackHarness> {
  const fixture = await createFixtureTutor(model);
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    settings: { draftIntervalMs },
  });
  return harness;
}

const isDraft = (update: Record<string, any>) =>
  update.blocks.some((b: any) => b.block_id === 'tutor_progress');

describe('progress while the answer is written', () => {
  it('streams drafts into the placeholder, throttled, and ends with the final answer', async () => {
    const model = createScriptedModel({ chunks: 10 });
    const text =
      'Roughly **three quarters** of a word per token, so a 1,000-word page is about 1,300 tokens.';
    model.script.push({ text });
    let resume!: () => void;
    model.midStream = new Promise((resolve) => (resume = resolve));
    const h = await start(model);
    await h.send.event(slackFixture('app-mention'));

    const firstDraft = await fake.waitFor(() => fake.callsTo('chat.update')[0]);
    expect(isDraft(firstDraft)).toBe(true);
    expect(firstDraft.blocks.find((b: any) => b.block_id === 'tutor_progress').elements[0].text).toBe(
      ':writing_hand: Writing the answer…',
    );
    // The first streamed chunk (10 characters), shown as it stands.
    expect(firstDraft.blocks.find((b: any) => b.block_id === 'tutor_answer_draft').text.text).toBe(
      'Roughly **',
    );
    resume();
    await h.settle();

    const updates = fake.callsTo('chat.update');
    // The other nine chunks arrived within one interval: superseded by the final answer, not sent one by one.
    expect(updates).toHaveLength(2);
    expect(isDraft(updates[1]!)).toBe(false);
    expect(updates[1]!.blocks[0].text.text).toBe(
      'Roughly *three quarters* of a word per token, so a 1,000-word page is about 1,300 tokens.',
    );
  });

  it('never flashes the model\'s internal "not covered" marker', async () => {
    const model = createScriptedModel({ chunks: 4 });
    model.script.push({ text: 'NOT_COVERED' });
    let resume!: () => void;
    model.midStream = new Promise((resolve) => (resume = resolve));
    const h = await start(model, 5);
    await h.send.event(slackFixture('app-mention'));
    await fake.waitFor(() => model.requests.length === 1);
    // Several draft intervals pass while the marker is half written.
    await new Promise((resolve) => setTimeout(resolve, 40));
    resume();
    await h.settle();
    const updates = fake.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates)).not.toContain('NOT_');
    expect(updates[0]!.text).toMatch(/couldn't find this in the tutor's library/);
  });

  it('posts a long answer as sections under 3,000 characters with every code block closed', async () => {
    const model = createScriptedModel();
    const code = Array.from(
      { length: 80 },
      (_, i) => `total_${i} = count_tokens(prompt_${i})  # ${'x'.repeat(30)}`,
    ).join('\n');
    const prose = Array.from(
      { length: 30 },
      (_, i) => `Step ${i}: tokens are counted before the request is billed.`,
    ).join('\n\n');
    model.script.push({ text: `${prose}\n\n\`\`\`python\n${code}\n\`\`\`\n\nThat is all.` });
    const h = await start(model, 5000);
    await h.send.event(slackFixture('app-mention'));
    await h.settle();
    const sections: string[] = fake
      .callsTo('chat.update')[0]!
      .blocks.filter((b: any) => b.block_id?.startsWith('tutor_answer_'))
      .map((b: any) => b.text.text);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) {
      expect(section.length).toBeLessThanOrEqual(3000);
      expect(section.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
    }
    expect(
      sections
        .join('\n')
        .split('\n')
        .filter((l) => l.startsWith('total_')),
    ).toEqual(code.split('\n'));
  });
});
