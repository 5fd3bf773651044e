import { afterEach, describe, expect, it } from 'vitest';
import { ALREADY_SHARED, SHARE_NOT_YOURS } from '../../../src/adapters/discord/components/share-button.js';
import { WRITING_MARK } from '../../../src/adapters/discord/render/draft-reply.js';
import type { Tutor } from '../../../src/core/answering/create-tutor.js';
import { APOLOGY } from '../../../src/core/chat/user-replies.js';
import type { RecordedDiscordRequest } from '../../fakes/fake-discord-api.js';
import { BOT_USER, fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ANSWER = 'About three quarters of a word, so 100 tokens are roughly 75 words.';
const BOT_ROLE = '1190000000000000010';
const THREAD = '1190000000000000007';
const FORUM_POST = '1190000000000000008';

const posted = (channel: string) => (r: RecordedDiscordRequest) =>
  r.method === 'POST' && r.path === `/channels/${channel}/messages`;
const edited = (channel: string) => (r: RecordedDiscordRequest) =>
  r.method === 'PATCH' && r.path.startsWith(`/channels/${channel}/messages/`);

describe('mentions and DMs stream by editing the reply', () => {
  it('posts the first words as a draft reply, edits it as the model writes, and ends with the answer and its buttons', async () => {
    h = await startHarness();
    const release = h.model.hold();
    const mention = fixture('message-mention');
    h.dispatch('MESSAGE_CREATE', mention);
    const draft = await h.api.waitFor(posted(IDS.channel));
    expect(draft.body.message_reference.message_id).toBe(mention.id);
    expect(draft.body.embeds[0]).toMatchObject({
      description: ANSWER.slice(0, Math.ceil(ANSWER.length / 2)).trim(),
    });
    expect(draft.body.embeds[0].footer.text).toBe(WRITING_MARK);
    expect(draft.body.components ?? []).toEqual([]);
    release();

    const final = await h.api.waitFor((r) => edited(IDS.channel)(r) && r.body.components?.length > 0);
    const replyId = [...h.api.messages.values()].find(
      (m) => m.message_reference?.message_id === mention.id,
    ).id;
    expect(final.path).toBe(`/channels/${IDS.channel}/messages/${replyId}`);
    expect(final.body.embeds[0].description).toBe(ANSWER);
    expect(final.body.embeds[0].footer).toBeUndefined();
    expect(final.body.embeds[0].fields[0].name).toBe('Sources');
    // One reply, edited; typing showed before it.
    expect(h.api.requests.filter(posted(IDS.channel))).toHaveLength(1);
    const paths = h.api.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf(`POST /channels/${IDS.channel}/typing`)).toBeLessThan(
      paths.indexOf(`POST /channels/${IDS.channel}/messages`),
    );
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('streams a DM the same way', async () => {
    h = await startHarness();
    const release = h.model.hold();
    h.dispatch('MESSAGE_CREATE', fixture('message-dm'));
    await h.api.waitFor(posted(IDS.dmChannel));
    release();
    const final = await h.api.waitFor((r) => edited(IDS.dmChannel)(r) && r.body.components?.length > 0);
    expect(final.body.embeds[0].description).toBe(ANSWER);
  });

  it('turns a half-written draft into the apology when answering fails', async () => {
    h = await startHarness();
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    const tutor: Tutor = {
      async ask(input) {
        input.onText?.('Half an ans');
        await failing;
        throw new Error('the model fell over');
      },
    };
    h.deps.tutor = tutor;
    h.dispatch('MESSAGE_CREATE', fixture('message-mention'));
    await h.api.waitFor(posted(IDS.channel));
    fail();
    const apology = await h.api.waitFor((r) => edited(IDS.channel)(r) && r.body.content === APOLOGY);
    expect(apology.body).toMatchObject({ embeds: [], components: [] });
    expect(h.api.requests.filter(posted(IDS.channel))).toHaveLength(1);
  });
});

describe('a mention of the bot’s role', () => {
  it('is answered like a mention of the bot, the role left out of the question', async () => {
    h = await startHarness();
    const byRole = fixture('message-mention', {
      mentions: [],
      mention_roles: [BOT_ROLE],
      content: `<@&${BOT_ROLE}> how many tokens is a word?`,
    });
    h.dispatch('MESSAGE_CREATE', byRole);
    const reply = await h.api.waitFor(posted(IDS.channel));
    expect(reply.body.message_reference.message_id).toBe(byRole.id);
    expect(h.model.requests[0]!.question).toBe('how many tokens is a word?');
  });

  it('is not confused with a mention of another role', async () => {
    h = await startHarness();
    h.dispatch(
      'MESSAGE_CREATE',
      fixture('message-mention', {
        mentions: [],
        mention_roles: [IDS.guild],
        content: '@everyone role ping',
      }),
    );
    h.dispatch('MESSAGE_CREATE', fixture('message-dm'));
    await h.api.waitFor(posted(IDS.dmChannel));
    expect(h.api.requests.filter((r) => r.path.startsWith(`/channels/${IDS.channel}/`))).toEqual([]);
    expect(h.model.requests).toHaveLength(1);
  });
});

describe('follow-ups in threads and forum posts', () => {
  /** A message in the fake's store, as Discord would list it. */
  function seed(
    harness: Harness,
    channel: string,
    id: string,
    author: any,
    content: string,
    embeds: any[] = [],
  ) {
    harness.api.messages.set(id, {
      ...fixture('message-mention'),
      id,
      channel_id: channel,
      author,
      content,
      embeds,
      mentions: [],
      type: 0,
    });
  }
  const ada = () => fixture('message-mention').author;

  it('carries the thread’s earlier exchange, not only a reply chain', async () => {
    h = await startHarness();
    seed(h, THREAD, '1190000000000002001', ada(), `<@${IDS.bot}> what is a token?`);
    seed(h, THREAD, '1190000000000002002', BOT_USER, '', [{ description: 'A piece of a word.' }]);
    seed(h, THREAD, '1190000000000002003', ada(), ''); // chat the bot cannot read (no Message Content intent)
    const followUp = fixture('message-mention', {
      id: '1190000000000002004',
      channel_id: THREAD,
      content: `<@${IDS.bot}> and how many make a word?`,
    });
    h.dispatch('MESSAGE_CREATE', followUp);
    await h.api.waitFor(posted(THREAD));
    const listed = h.api.requests.find(
      (r) => r.method === 'GET' && r.path === `/channels/${THREAD}/messages`,
    )!;
    expect(listed.query.get('before')).toBe(followUp.id);
    expect(h.model.requests[0]!.history).toEqual([
      { role: 'user', text: 'what is a token?' },
      { role: 'assistant', text: 'A piece of a word.' },
    ]);
  });

  it('starts a forum post’s context with its title when the opening post did not address the bot', async () => {
    h = await startHarness();
    seed(h, FORUM_POST, FORUM_POST, ada(), '');
    const question = fixture('message-mention', {
      id: '1190000000000002101',
      channel_id: FORUM_POST,
      content: `<@${IDS.bot}> how many tokens is a word?`,
    });
    h.dispatch('MESSAGE_CREATE', question);
    await h.api.waitFor(posted(FORUM_POST));
    expect(h.model.requests[0]!.history).toEqual([
      { role: 'user', text: 'How do embeddings relate to tokens?' },
    ]);
  });

  it('answers without context when the thread cannot be read', async () => {
    h = await startHarness();
    h.api.override(new RegExp(`^GET /channels/${THREAD}/messages$`), {
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    h.dispatch('MESSAGE_CREATE', fixture('message-mention', { channel_id: THREAD }));
    await h.api.waitFor(posted(THREAD));
    expect(h.model.requests[0]!.history).toEqual([]);
  });
});

describe('Share in channel, for a private /ask answer', () => {
  /** Runs a private /ask and returns the final private answer as Discord would send it back on a click. */
  async function privateAnswer(harness: Harness) {
    const ask = fixture('interaction-ask');
    ask.data.options = [
      { name: 'question', type: 3, value: 'How many tokens is a word?' },
      { name: 'private', type: 5, value: true },
    ];
    harness.dispatch('INTERACTION_CREATE', ask);
    const final = await harness.api.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(ask.token) && r.body.components?.length > 0,
    );
    return final.body;
  }

  function click(answer: any, user = fixture('interaction-feedback-button').member.user, customId?: string) {
    const base = fixture('interaction-feedback-button');
    const share = answer.components[0].components.find((c: any) => c.label === 'Share in channel');
    return {
      ...base,
      member: { ...base.member, user },
      message: { ...base.message, flags: 64, embeds: answer.embeds, components: answer.components },
      data: { component_type: 2, custom_id: customId ?? share.custom_id },
    };
  }
  const callbacks = (harness: Harness, interaction: { id: string }) =>
    harness.api.requests.filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`));

  it('offers the button on a private answer only, and posts the answer publicly, credited, with feedback', async () => {
    h = await startHarness();
    const answer = await privateAnswer(h);
    expect(answer.components[0].components.map((c: any) => c.label)).toEqual([
      'Helpful',
      'Not helpful',
      'Share in channel',
    ]);
    const interaction = click(answer);
    h.dispatch('INTERACTION_CREATE', interaction);
    const shared = await h.api.waitFor(
      (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    expect(shared.body.type).toBe(4);
    expect(shared.body.data.flags ?? 0).toBe(0);
    expect(shared.body.data.content).toBe(`-# 📣 Shared by <@${IDS.user}>`);
    expect(shared.body.data.embeds[0].description).toBe(answer.embeds[0].description);
    expect(shared.body.data.components[0].components.map((c: any) => c.label)).toEqual([
      'Helpful',
      'Not helpful',
    ]);
    expect(shared.body.data.allowed_mentions).toEqual({ parse: [] });

    // A second click shares nothing more.
    const again = click(answer);
    h.dispatch('INTERACTION_CREATE', again);
    const refused = await h.api.waitFor((r) => r.path.startsWith(`/interactions/${again.id}/`));
    expect(refused.body.data).toMatchObject({ content: ALREADY_SHARED, flags: 64 });
  });

  it('refuses a click by anyone but the asker', async () => {
    h = await startHarness();
    const answer = await privateAnswer(h);
    const intruder = { ...fixture('interaction-feedback-button').member.user, id: '1190000000000000099' };
    const interaction = click(answer, intruder);
    h.dispatch('INTERACTION_CREATE', interaction);
    const refused = await h.api.waitFor((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(refused.body.data).toMatchObject({ content: SHARE_NOT_YOURS, flags: 64 });
    expect(callbacks(h, interaction)).toHaveLength(1);
  });

  it('treats a malformed Share id as a stale button', async () => {
    h = await startHarness();
    const answer = await privateAnswer(h);
    const interaction = click(answer, undefined, `tutor:share:${'x'.repeat(80)}`);
    h.dispatch('INTERACTION_CREATE', interaction);
    const refused = await h.api.waitFor((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(refused.body.data.content).toMatch(/^This no longer works/);
    expect(refused.body.data.flags).toBe(64);
  });

  it('offers no Share button on a public answer', async () => {
    h = await startHarness();
    const ask = fixture('interaction-ask');
    h.dispatch('INTERACTION_CREATE', ask);
    const final = await h.api.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(ask.token) && r.body.components?.length > 0,
    );
    expect(final.body.components[0].components.map((c: any) => c.label)).toEqual(['Helpful', 'Not helpful']);
  });
});
