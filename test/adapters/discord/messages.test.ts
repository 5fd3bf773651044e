import { afterEach, describe, expect, it } from 'vitest';
import { BOT_USER, fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sentTo = (channel: string) => (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path === `/channels/${channel}/messages`;

/** Dispatches a DM and waits for its answer: events are handled in order, so anything dispatched before was handled too. */
async function sentinel(harness: Harness): Promise<void> {
  const dm = fixture('message-dm');
  harness.dispatch('MESSAGE_CREATE', dm);
  await harness.api.waitFor(
    (r) => sentTo(IDS.dmChannel)(r) && r.body.message_reference?.message_id === dm.id,
  );
}

describe('mentions and DMs', () => {
  it('answers a mention as a reply, typing first, with the mention stripped from the question', async () => {
    h = await startHarness({ publicUrl: 'https://tutor.example.com' });
    const mention = fixture('message-mention');
    h.dispatch('MESSAGE_CREATE', mention);
    const reply = await h.api.waitFor(sentTo(IDS.channel));

    const paths = h.api.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf(`POST /channels/${IDS.channel}/typing`)).toBeLessThan(
      paths.indexOf(`POST /channels/${IDS.channel}/messages`),
    );
    expect(h.model.requests[0]!.question).toBe('how many tokens is a word?');
    expect(h.model.requests[0]!.history).toEqual([]);
    expect(reply.body.message_reference).toMatchObject({ message_id: mention.id, fail_if_not_exists: false });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: true });
    const [embed] = reply.body.embeds;
    expect(embed.title).toBeUndefined();
    expect(embed.description).toBe('About three quarters of a word, so 100 tokens are roughly 75 words.');
    expect(embed.fields[0].value).toContain('(https://tutor.example.com/concepts/token)');
    expect(reply.body.components[0].components).toHaveLength(2);
    expect(reply.headers.authorization).toBe(`Bot ${'MTE5MDAwMDAwMDAwMDAwMDAwMw.fake.discord-test-token'}`);
  });

  it('answers a DM', async () => {
    h = await startHarness();
    const dm = fixture('message-dm');
    h.dispatch('MESSAGE_CREATE', dm);
    const reply = await h.api.waitFor(sentTo(IDS.dmChannel));
    expect(reply.body.message_reference.message_id).toBe(dm.id);
    expect(h.model.requests[0]!.question).toBe('What does temperature do?');
    const [logged] = await h.log.recent({ limit: 1 });
    expect(logged).toMatchObject({ platform: 'discord', text: 'What does temperature do?' });
  });

  it('ignores other bots, itself, and channel messages that do not mention it', async () => {
    h = await startHarness();
    h.dispatch('MESSAGE_CREATE', fixture('message-from-bot'));
    h.dispatch(
      'MESSAGE_CREATE',
      fixture('message-mention', { author: BOT_USER, content: `<@${IDS.bot}> talking to myself` }),
    );
    h.dispatch(
      'MESSAGE_CREATE',
      fixture('message-mention', { mentions: [], content: 'how many tokens is a word, anyone?' }),
    );
    h.dispatch(
      'MESSAGE_CREATE',
      fixture('message-mention', { mentions: [], mention_everyone: true, content: '@everyone standup in 5' }),
    );
    await sentinel(h);
    expect(h.api.requests.filter((r) => r.path.startsWith(`/channels/${IDS.channel}/`))).toEqual([]);
    expect(h.model.requests).toHaveLength(1);
  });

  it('answers a message once even when another replica already claimed it', async () => {
    h = await startHarness();
    const mention = fixture('message-mention');
    await h.deduper.claim(`discord:message:${mention.id}`);
    h.dispatch('MESSAGE_CREATE', mention);
    await sentinel(h);
    expect(h.api.requests.filter((r) => r.path.startsWith(`/channels/${IDS.channel}/`))).toEqual([]);
  });

  it('carries the earlier exchange when someone replies to the bot', async () => {
    h = await startHarness();
    const mention = fixture('message-mention');
    h.api.messages.set(mention.id, mention);
    h.dispatch('MESSAGE_CREATE', mention);
    const answer = await h.api.waitFor(sentTo(IDS.channel));
    const answerId = [...h.api.messages.values()].find(
      (m) => m.message_reference?.message_id === mention.id,
    ).id;

    // A reply with its ping on mentions the bot, so Discord sends its content without the Message Content intent.
    const followUp = fixture('message-mention', {
      type: 19,
      content: 'and how much does that cost?',
      message_reference: { type: 0, message_id: answerId, channel_id: IDS.channel, guild_id: IDS.guild },
    });
    h.dispatch('MESSAGE_CREATE', followUp);
    await h.api.waitFor(
      (r) => sentTo(IDS.channel)(r) && r.body.message_reference?.message_id === followUp.id,
    );
    expect(h.model.requests[1]!.question).toBe('and how much does that cost?');
    expect(h.model.requests[1]!.history).toEqual([
      { role: 'user', text: 'how many tokens is a word?' },
      { role: 'assistant', text: answer.body.embeds[0].description },
    ]);
  });

  it('takes the question of an /ask answer from its title when someone replies to it', async () => {
    h = await startHarness();
    const askAnswer = fixture('interaction-feedback-button').message;
    h.api.messages.set(askAnswer.id, askAnswer);
    const followUp = fixture('message-mention', {
      type: 19,
      content: 'what about code?',
      message_reference: { type: 0, message_id: askAnswer.id, channel_id: IDS.channel, guild_id: IDS.guild },
    });
    h.dispatch('MESSAGE_CREATE', followUp);
    await h.api.waitFor(sentTo(IDS.channel));
    expect(
      h.api.requests.some(
        (r) => r.method === 'GET' && r.path === `/channels/${IDS.channel}/messages/${askAnswer.id}`,
      ),
    ).toBe(true);
    expect(h.model.requests[0]!.history).toEqual([
      { role: 'user', text: 'How many tokens is a word?' },
      { role: 'assistant', text: 'About three quarters of a word.' },
    ]);
  });

  it('gives no history for a reply to someone else, and still answers when the replied message is gone', async () => {
    h = await startHarness();
    const colleague = fixture('message-mention', {
      author: { ...fixture('message-mention').author, id: '1190000000000000009', username: 'grace' },
      content: `<@${IDS.bot}> what is a token?`,
    });
    h.api.messages.set(colleague.id, colleague);
    const toColleague = fixture('message-mention', {
      type: 19,
      message_reference: { type: 0, message_id: colleague.id, channel_id: IDS.channel, guild_id: IDS.guild },
    });
    const toDeleted = fixture('message-mention', {
      type: 19,
      message_reference: {
        type: 0,
        message_id: '1190000000000099999',
        channel_id: IDS.channel,
        guild_id: IDS.guild,
      },
    });
    h.dispatch('MESSAGE_CREATE', toColleague);
    h.dispatch('MESSAGE_CREATE', toDeleted);
    await h.api.waitFor(
      (r) => sentTo(IDS.channel)(r) && r.body.message_reference?.message_id === toDeleted.id,
    );
    await h.api.waitFor(
      (r) => sentTo(IDS.channel)(r) && r.body.message_reference?.message_id === toColleague.id,
    );
    expect(
      h.api.requests
        .filter((r) => r.method === 'GET' && r.path.startsWith('/channels/'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(
      [
        `/channels/${IDS.channel}/messages/${colleague.id}`,
        `/channels/${IDS.channel}/messages/1190000000000099999`,
      ].sort(),
    );
    expect(h.model.requests.map((r) => r.history)).toEqual([[], []]);
  });

  it('falls back to plain text split under 2,000 characters where it may not embed links', async () => {
    h = await startHarness({ publicUrl: 'https://tutor.example.com' });
    const code = Array.from({ length: 60 }, (_, i) => `print(count_tokens("example ${i}"))`).join('\n');
    h.model.enqueue(
      `${'A token is roughly three quarters of a word. '.repeat(30)}\n\n\`\`\`python\n${code}\n\`\`\`\n\nDone.`,
    );
    h.dispatch('MESSAGE_CREATE', fixture('message-mention', { channel_id: IDS.noEmbedChannel }));
    await h.api.waitFor((r) => sentTo(IDS.noEmbedChannel)(r) && r.body.components?.length > 0);
    const parts = h.api.requests.filter(sentTo(IDS.noEmbedChannel)).map((r) => r.body);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) {
      expect(part.embeds ?? []).toEqual([]);
      expect(part.content.length).toBeLessThanOrEqual(2000);
      expect((part.content.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    expect(parts.at(-1)!.content).toContain(
      '**Sources**\n• [Token](https://tutor.example.com/concepts/token)',
    );
    // Later parts reply to the part before, without pinging anyone again.
    expect(parts[1]!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('replies with the rate-limit message, and with an apology for anything else', async () => {
    h = await startHarness({ limits: { perUser: 1, windowMs: 3_600_000, dailyTokenBudget: 0 } });
    h.dispatch('MESSAGE_CREATE', fixture('message-dm'));
    await h.api.waitFor(sentTo(IDS.dmChannel));
    const second = fixture('message-dm');
    h.dispatch('MESSAGE_CREATE', second);
    const refusal = await h.api.waitFor(
      (r) => sentTo(IDS.dmChannel)(r) && r.body.message_reference?.message_id === second.id,
    );
    expect(refusal.body.content).toMatch(/which is the limit/);

    const empty = fixture('message-mention', { content: `<@${IDS.bot}>` });
    h.dispatch('MESSAGE_CREATE', empty);
    const nudge = await h.api.waitFor(
      (r) => sentTo(IDS.channel)(r) && r.body.message_reference?.message_id === empty.id,
    );
    expect(nudge.body.content).toMatch(/^Ask me a question about an AI concept/);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
