import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ONLY_OWN_ADDRESS } from '../../../src/adapters/slack/answering/resolve-email.js';
import { ASK_USAGE, NOT_A_MEMBER_NOTE } from '../../../src/adapters/slack/listeners/commands/ask.js';
import { NEWSLETTER_UNAVAILABLE } from '../../../src/adapters/slack/listeners/commands/newsletter-command.js';
import { askHeader, questionFromHeader } from '../../../src/adapters/slack/render/ask-header.js';
import { PLACEHOLDER_TEXT } from '../../../src/adapters/slack/render/progress-message.js';
import type { NewsletterSignup } from '../../../src/core/ports.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingNewsletter } from './support/recording-newsletter.js';
import { createScriptedModel, type ScriptedModel } from './support/scripted-model.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
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

async function start(
  newsletter: NewsletterSignup | null = null,
): Promise<{ harness: SlackHarness; model: ScriptedModel }> {
  const model = createScriptedModel();
  const fixture = await createFixtureTutor(model);
  harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log, newsletter });
  return { harness, model };
}

function command(name: 'command-ask' | 'command-subscribe', text?: string): Record<string, string> {
  const fields = slackFixture<Record<string, string>>(name);
  fields.response_url = fake.responseUrl();
  if (text !== undefined) fields.text = text;
  return fields;
}

describe('/ask', () => {
  it('is acknowledged before the answer is written, then answered in the channel under who asked', async () => {
    const { harness, model } = await start();
    let release!: () => void;
    model.gate = new Promise((resolve) => (release = resolve));

    const response = await harness.send.command(command('command-ask'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    // The model is still holding the answer back: Slack got its 200 first.
    await fake.waitFor(() => model.requests.length === 1);
    expect(fake.callsTo('chat.update')).toEqual([]);

    release();
    await harness.settle();
    const [placeholder] = fake.callsTo('chat.postMessage');
    expect(placeholder).toMatchObject({ channel: 'C0GENERAL1', text: PLACEHOLDER_TEXT });
    expect(placeholder!.thread_ts).toBeUndefined();
    const final = fake.callsTo('chat.update')[0]!;
    expect(final.blocks[0]).toEqual({
      type: 'section',
      block_id: 'tutor_question',
      text: { type: 'mrkdwn', text: '<@U0ASKER001> asked:\n>How many tokens is a word?' },
    });
    expect(final.blocks[1].text.text).toBe('A grounded answer from the library.');
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('takes follow-ups in the thread of its answer, with the question and answer as context', async () => {
    const { harness, model } = await start();
    model.script.push({ text: 'About three quarters of a word.' }, { text: 'Yes, long words split.' });
    await harness.send.command(command('command-ask'));
    await harness.settle();
    const answerTs = fake.messages[0]!.ts;
    const reply = slackFixture('message-thread-reply');
    reply.event.thread_ts = answerTs;
    reply.event.ts = reply.event.event_ts = `${Math.floor(Date.now() / 1000) + 5}.000100`;
    await harness.send.event(reply);
    await harness.settle();
    expect(model.requests[1]!.history).toEqual([
      { role: 'user', text: 'How many tokens is a word?' },
      { role: 'assistant', text: 'About three quarters of a word.' },
    ]);
    expect(fake.callsTo('chat.postMessage').at(-1)).toMatchObject({
      channel: 'C0GENERAL1',
      thread_ts: answerTs,
    });
  });

  it('explains the usage, privately, when no question is given', async () => {
    const { harness, model } = await start();
    const response = await harness.send.command(command('command-ask', '  '));
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: ASK_USAGE });
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(model.requests).toEqual([]);
  });

  it('answers only the asker, through response_url, where the bot is not a member', async () => {
    const { harness } = await start();
    fake.failNext('chat.postMessage', 'not_in_channel');
    expect((await harness.send.command(command('command-ask'))).status).toBe(200);
    await harness.settle();
    expect(fake.callsTo('chat.update')).toEqual([]);
    expect(fake.responses).toHaveLength(1);
    const { body } = fake.responses[0]!;
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(body.blocks[0].elements[0].text).toBe(NOT_A_MEMBER_NOTE);
    expect(body.blocks.map((b: any) => b.block_id)).toEqual(
      expect.arrayContaining(['tutor_question', 'tutor_answer_0', 'tutor_sources', 'tutor_feedback']),
    );
  });
});

describe('/subscribe and /unsubscribe', () => {
  it('say the newsletter is not available while the port is not wired', async () => {
    const { harness } = await start(null);
    const response = await harness.send.command(command('command-subscribe'));
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: NEWSLETTER_UNAVAILABLE });
  });

  it('subscribe the Slack profile email when none is typed', async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    fake.users.set('U0ASKER001', { email: 'ada@example.com' });
    const response = await harness.send.command(command('command-subscribe'));
    expect(response.status).toBe(200);
    await harness.settle();
    expect(fake.callsTo('users.info')).toEqual([expect.objectContaining({ user: 'U0ASKER001' })]);
    expect(newsletter.calls).toEqual([
      { action: 'subscribe', email: 'ada@example.com', source: 'slack:T0TEAM001' },
    ]);
    expect(fake.responses.map((r) => r.body)).toEqual([
      {
        response_type: 'ephemeral',
        text: 'Check ada@example.com for a confirmation link to finish subscribing.',
      },
    ]);
  });

  it('use a typed address (Slack may send it as a mailto link) without reading the profile', async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    await harness.send.command(command('command-subscribe', '<mailto:grace@example.org|grace@example.org>'));
    await harness.settle();
    expect(fake.callsTo('users.info')).toEqual([]);
    expect(newsletter.calls[0]).toMatchObject({ email: 'grace@example.org' });
  });

  it('ask for an address when the profile has none', async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    fake.users.set('U0ASKER001', {});
    await harness.send.command(command('command-subscribe'));
    await harness.settle();
    expect(newsletter.calls).toEqual([]);
    expect(fake.responses[0]!.body.text).toMatch(
      /couldn't read an email address from your Slack profile.*`\/subscribe you@example\.com`/,
    );
  });

  it("show the newsletter's own words for an invalid address", async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    await harness.send.command(command('command-subscribe', 'ada&co'));
    await harness.settle();
    // Escaped, so Slack shows exactly what was typed.
    expect(fake.responses[0]!.body.text).toBe(
      `"ada&amp;co" doesn't look like an email address. Try /subscribe you@example.com`,
    );
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('unsubscribe the profile email', async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    fake.users.set('U0ASKER001', { email: 'ada@example.com' });
    await harness.send.command({ ...command('command-subscribe'), command: '/unsubscribe' });
    await harness.settle();
    expect(newsletter.calls).toEqual([
      { action: 'unsubscribe', email: 'ada@example.com', source: 'slack:T0TEAM001' },
    ]);
    expect(fake.responses[0]!.body.text).toBe('ada@example.com will get no more digests.');
  });

  it("unsubscribe a typed address only when it is the member's own (Slack vouches only for the profile's)", async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    fake.users.set('U0ASKER001', { email: 'Ada@Example.com' });
    const unsubscribe = (text: string) => ({
      ...command('command-subscribe', text),
      command: '/unsubscribe',
    });

    await harness.send.command(unsubscribe('grace@example.org'));
    await harness.settle();
    expect(newsletter.calls).toEqual([]);
    expect(fake.responses[0]!.body).toEqual({ response_type: 'ephemeral', text: ONLY_OWN_ADDRESS });
    expect(fake.responses[0]!.body.text).toContain('unsubscribe link at the bottom of any digest');

    await harness.send.command(unsubscribe('<mailto:ada@example.com|ada@example.com>'));
    await harness.settle();
    expect(newsletter.calls).toEqual([
      { action: 'unsubscribe', email: 'ada@example.com', source: 'slack:T0TEAM001' },
    ]);
  });

  it('refuse a typed address to unsubscribe when the profile email cannot be read', async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    fake.failNext('users.info', 'missing_scope');
    await harness.send.command({
      ...command('command-subscribe', 'ada@example.com'),
      command: '/unsubscribe',
    });
    await harness.settle();
    expect(newsletter.calls).toEqual([]);
    expect(fake.responses[0]!.body.text).toBe(ONLY_OWN_ADDRESS);
  });

  it('refuse a forged or replayed /unsubscribe before it reaches the newsletter', async () => {
    const newsletter = createRecordingNewsletter();
    const { harness } = await start(newsletter);
    fake.users.set('U0ASKER001', { email: 'ada@example.com' });
    const fields = { ...command('command-subscribe'), command: '/unsubscribe' };
    expect((await harness.send.command(fields, { signature: 'v0=forged' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await harness.send.command(fields, { timestamp: stale })).status).toBe(401);
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    expect((await harness.send.command(fields, { timestamp: future })).status).toBe(401);
    await harness.settle();
    expect(newsletter.calls).toEqual([]);
  });
});

describe('the /ask header', () => {
  it('quotes a long question only in part, so the header fits its section', () => {
    const header = askHeader('U0ASKER001', `${'why '.repeat(800)}?`);
    expect(header.length).toBeLessThan(600);
    expect(header.endsWith('…')).toBe(true);
    expect(questionFromHeader(askHeader('U1', 'a < b\nsecond line'))).toBe('a &lt; b\nsecond line');
  });
});
