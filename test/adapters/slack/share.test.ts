import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOT_YOURS, SHARE_GONE } from '../../../src/adapters/slack/listeners/actions/share-answer.js';
import { NOT_A_MEMBER_NOTE } from '../../../src/adapters/slack/listeners/commands/ask.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createScriptedModel } from './support/scripted-model.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

let fake: FakeSlackApi;
let harness: SlackHarness;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await harness.close();
  fake.reset();
});

/** /ask where the bot is not a member: the answer goes only to the asker, with a Share button. Returns its token. */
async function askPrivately(): Promise<string> {
  const fixture = await createFixtureTutor(createScriptedModel());
  harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log });
  fake.failNext('chat.postMessage', 'not_in_channel');
  await harness.send.command({ ...slackFixture('command-ask'), response_url: fake.responseUrl('ask/1') });
  await harness.settle();
  const [answer] = fake.responses;
  const share = answer!.body.blocks.find((b: any) => b.block_id === 'tutor_share');
  expect(answer!.body.blocks[0].elements[0].text).toBe(NOT_A_MEMBER_NOTE);
  expect(share.elements[0]).toMatchObject({
    action_id: 'tutor_share_answer',
    text: { text: 'Share in channel' },
  });
  return share.elements[0].value;
}

function click(token: string, user = 'U0ASKER001') {
  const payload = slackFixture('block-actions-share', {
    SHARE_TOKEN: token,
    RESPONSE_URL: fake.responseUrl('share/1'),
  });
  payload.user.id = user;
  return payload;
}

const shares = () => fake.responses.filter((r) => r.path.endsWith('/share/1'));

describe('Share in channel, for an /ask answer only the asker could see', () => {
  it('posts the answer to the conversation, attributed to the asker, with sources and feedback, once', async () => {
    const token = await askPrivately();
    await harness.interact(click(token));
    await harness.settle();
    const [posted, replaced] = shares();
    expect(posted!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(posted!.body.text).toMatch(/^<@U0ASKER001> shared an answer: /);
    expect(posted!.body.blocks[0].elements[0].text).toBe(
      ':speech_balloon: <@U0ASKER001> shared an answer from the tutor',
    );
    const ids = posted!.body.blocks.map((b: any) => b.block_id);
    expect(ids).toEqual(
      expect.arrayContaining(['tutor_question', 'tutor_answer_0', 'tutor_sources', 'tutor_feedback']),
    );
    expect(ids).not.toContain('tutor_share');
    // The private copy loses its button.
    expect(replaced!.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(replaced!.body.blocks)).not.toContain('tutor_share_answer');
    // Sharing is done by the app: no user token, no chat.postMessage as the asker.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);

    // A replayed click shares nothing more.
    await harness.interact(click(token));
    await harness.settle();
    expect(shares()).toHaveLength(2);
    expect(fake.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ user: 'U0ASKER001', text: SHARE_GONE });
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('refuses someone else’s click on the asker’s button, and leaves the answer to the asker', async () => {
    const token = await askPrivately();
    await harness.interact(click(token, 'U0INTRUDER'));
    await harness.settle();
    expect(shares()).toEqual([]);
    expect(fake.callsTo('chat.postEphemeral')).toEqual([
      expect.objectContaining({ user: 'U0INTRUDER', text: NOT_YOURS }),
    ]);
    await harness.interact(click(token));
    await harness.settle();
    expect(shares()[0]!.body.response_type).toBe('in_channel');
  });

  it('says an unknown or made-up token cannot be shared', async () => {
    await askPrivately();
    for (const token of ['', 'made-up', 'x'.repeat(5000)]) await harness.interact(click(token));
    await harness.settle();
    expect(shares()).toEqual([]);
    expect(fake.callsTo('chat.postEphemeral').map((c) => c.text)).toEqual([
      SHARE_GONE,
      SHARE_GONE,
      SHARE_GONE,
    ]);
  });

  it('refuses forged and stale (replayed) clicks with 401', async () => {
    const token = await askPrivately();
    const forged = await harness.send.interaction(click(token), { signature: 'v0=forged' });
    const stale = await harness.send.interaction(click(token), {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    await harness.settle();
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(shares()).toEqual([]);
  });

  it('offers no Share button on an error only the asker sees', async () => {
    const fixture = await createFixtureTutor(createScriptedModel(), {
      perUser: 1,
      windowMs: 60_000,
      dailyTokenBudget: 0,
    });
    harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log });
    for (let i = 0; i < 2; i++) {
      fake.failNext('chat.postMessage', 'not_in_channel');
      await harness.send.command({
        ...slackFixture('command-ask'),
        response_url: fake.responseUrl(`ask/${i}`),
      });
      await harness.settle();
    }
    const refused = fake.responses.at(-1)!.body;
    expect(JSON.stringify(refused.blocks)).toContain(':hourglass:');
    expect(JSON.stringify(refused.blocks)).not.toContain('tutor_share');
  });
});
