import { describe, expect, it } from 'vitest';
import { decide, dedupeKey, type IncomingMessage } from '../../../src/adapters/slack/answering/decide.js';
import { slackTextToPlain } from '../../../src/adapters/slack/answering/slack-text.js';

const BOT = 'U0TUTORBOT';
const options = { botUserId: BOT, threadContext: true, answerChannel: 'C0ANSWERS1' };
const message = (overrides: Partial<IncomingMessage>): IncomingMessage => ({
  type: 'message',
  channel: 'C0GENERAL1',
  channel_type: 'channel',
  user: 'U0ASKER001',
  text: 'hello',
  ts: '1760000100.000200',
  ...overrides,
});

describe('decide', () => {
  it.each<[string, Partial<IncomingMessage>, ReturnType<typeof decide>]>([
    [
      'a mention in a channel',
      { text: `<@${BOT}> what is a token?` },
      { action: 'answer', threadTs: '1760000100.000200', readThread: false },
    ],
    [
      'a mention written with a display name',
      { text: `<@${BOT}|tutor> what is a token?` },
      { action: 'answer', threadTs: '1760000100.000200', readThread: false },
    ],
    [
      'an app_mention event',
      { type: 'app_mention', channel_type: undefined, text: 'what is a token?' },
      { action: 'answer', threadTs: '1760000100.000200', readThread: false },
    ],
    [
      'a mention inside a thread',
      { text: `<@${BOT}> and temperature?`, thread_ts: '1760000000.000100' },
      { action: 'answer', threadTs: '1760000000.000100', readThread: true },
    ],
    [
      'a DM',
      { channel: 'D0DIRECT01', channel_type: 'im' },
      { action: 'answer', threadTs: '1760000100.000200', readThread: false },
    ],
    [
      'a reply in a DM thread',
      { channel: 'D0DIRECT01', channel_type: 'im', thread_ts: '1760000000.000100' },
      { action: 'answer', threadTs: '1760000000.000100', readThread: true },
    ],
    [
      'a reply also sent to the channel',
      { subtype: 'thread_broadcast', text: `<@${BOT}> so?`, thread_ts: '1760000000.000100' },
      { action: 'answer', threadTs: '1760000000.000100', readThread: true },
    ],
    [
      'a question with a screenshot',
      { subtype: 'file_share', channel_type: 'im' },
      { action: 'answer', threadTs: '1760000100.000200', readThread: false },
    ],
    [
      'a thread reply without a mention',
      { thread_ts: '1760000000.000100' },
      { action: 'answer-if-bot-in-thread', threadTs: '1760000000.000100' },
    ],
    [
      'a top-level message in the answer channel',
      { channel: 'C0ANSWERS1' },
      { action: 'answer', threadTs: '1760000100.000200', readThread: false },
    ],
    [
      'a thread reply in the answer channel',
      { channel: 'C0ANSWERS1', thread_ts: '1760000000.000100' },
      { action: 'answer-if-bot-in-thread', threadTs: '1760000000.000100' },
    ],
    [
      'a group DM without a mention',
      { channel: 'G0GROUPDM1', channel_type: 'mpim' },
      { action: 'ignore', reason: 'not addressed to the bot' },
    ],
    ['a channel message without a mention', {}, { action: 'ignore', reason: 'not addressed to the bot' }],
    [
      'an edit',
      { subtype: 'message_changed', user: undefined },
      { action: 'ignore', reason: 'subtype message_changed' },
    ],
    [
      'a channel join',
      { subtype: 'channel_join', text: `<@U0ASKER001> has joined` },
      { action: 'ignore', reason: 'subtype channel_join' },
    ],
    [
      'another bot mentioning the tutor',
      { bot_id: 'B0DEPLOY01', text: `<@${BOT}> hi` },
      { action: 'ignore', reason: 'sent by a bot' },
    ],
    [
      'the tutor itself',
      { user: BOT, text: `<@${BOT}> hi` },
      { action: 'ignore', reason: 'sent by this bot' },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(decide(message(overrides), options)).toEqual(expected);
  });

  it('ignores thread replies without a mention when thread context is off', () => {
    expect(
      decide(message({ thread_ts: '1760000000.000100' }), { ...options, threadContext: false }),
    ).toMatchObject({ action: 'ignore' });
    expect(
      decide(message({ text: `<@${BOT}> so?`, thread_ts: '1760000000.000100' }), {
        ...options,
        threadContext: false,
      }),
    ).toEqual({ action: 'answer', threadTs: '1760000000.000100', readThread: false });
  });

  it('keys a message by team, channel and ts', () => {
    expect(dedupeKey('T0TEAM001', 'C0GENERAL1', '1760000100.000200')).toBe(
      'slack:T0TEAM001:C0GENERAL1:1760000100.000200',
    );
  });
});

describe('slackTextToPlain', () => {
  it('drops the bot mention and makes the rest readable', () => {
    expect(
      slackTextToPlain(
        `<@${BOT}> ask <@U0OTHER001|grace> in <#C0GENERAL1|general> about <https://example.com/a|this> &amp; <!here> &lt;tokens&gt;`,
        BOT,
      ),
    ).toBe('ask @grace in #general about this (https://example.com/a) & @here <tokens>');
  });

  it('keeps a mailto link as the address', () => {
    expect(slackTextToPlain('<mailto:ada@example.com|ada@example.com>')).toBe('ada@example.com');
  });
});
