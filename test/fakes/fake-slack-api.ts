import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call the fake received. */
export interface RecordedSlackCall {
  method: string;
  args: Record<string, any>;
  /** The bearer token the client sent. */
  token: string | undefined;
  /** performance.now() when it arrived (for bench/). */
  at: number;
}

/** One POST to a response_url. */
export interface RecordedResponse {
  path: string;
  body: any;
}

/** A message as the fake stores it (what conversations.replies returns). */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  blocks?: any[];
  /** A native stream still open (chat.startStream without chat.stopStream yet). */
  streaming?: boolean;
  /** Who a stream is for (chat.startStream's recipient_user_id and recipient_team_id). */
  recipient?: { user?: string; team?: string };
}

/** A running fake Slack Web API. */
export interface FakeSlackApi {
  /** Base URL for `clientOptions.slackApiUrl` (ends in /api/). */
  apiUrl: string;
  /** A response_url on this fake; POSTs to it are recorded in `responses`. */
  responseUrl(id?: string): string;
  calls: RecordedSlackCall[];
  responses: RecordedResponse[];
  messages: FakeSlackMessage[];
  /** Calls of one method, in order. */
  callsTo(method: string): Array<Record<string, any>>;
  /** The next call of `method` fails with this Slack error code (e.g. not_in_channel). */
  failNext(method: string, error: string): void;
  /** Users for users.info. */
  users: Map<string, { email?: string; tz?: string }>;
  /** The Home tab views.publish last published for each user. */
  homes: Map<string, any>;
  /** Every call in order as `method` names, for checking sequences. */
  methods(): string[];
  /** The WebSocket URL apps.connections.open returns (Socket Mode); unset: it fails. */
  socketUrl: string | undefined;
  /** Adds a message someone else wrote (for thread history). */
  seedMessage(message: FakeSlackMessage): void;
  /** Resolves once `check` returns something truthy; fails after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

/** The bot the fake authenticates every token as. */
export const FAKE_BOT = {
  teamId: 'T0TEAM001',
  team: 'Acme',
  botUserId: 'U0TUTORBOT',
  botId: 'B0TUTORBOT',
} as const;

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends arrays and objects (blocks, view) as JSON strings.
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A loopback stand-in for the Slack Web API speaking its wire format
 * (form-encoded requests, `{ok, error}` JSON replies), so the real Bolt
 * client can be pointed at it with `slackApiUrl`. It keeps the messages the
 * bot posts (native streams included: started, appended to, stopped with
 * their blocks), so conversations.replies returns a real thread, and the
 * Home tabs it publishes.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedSlackCall[] = [];
  const responses: RecordedResponse[] = [];
  const messages: FakeSlackMessage[] = [];
  const failures = new Map<string, string[]>();
  const users = new Map<string, { email?: string; tz?: string }>();
  const homes = new Map<string, any>();
  let counter = 0;
  // Like Slack's: seconds now, plus a counter so timestamps are unique and later than the saved fixtures'.
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;

  function handle(method: string, args: Record<string, any>): Record<string, unknown> {
    const failure = failures.get(method)?.shift();
    if (failure) return { ok: false, error: failure };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: FAKE_BOT.team,
          user: 'tutor',
          team_id: FAKE_BOT.teamId,
          user_id: FAKE_BOT.botUserId,
          bot_id: FAKE_BOT.botId,
        };
      case 'chat.postMessage': {
        const message: FakeSlackMessage = {
          channel: args.channel,
          ts: nextTs(),
          user: FAKE_BOT.botUserId,
          bot_id: FAKE_BOT.botId,
          text: args.text,
          blocks: args.blocks,
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
        };
        messages.push(message);
        return { ok: true, channel: args.channel, ts: message.ts, message };
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, { text: args.text, blocks: args.blocks });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'chat.startStream': {
        // Slack streams only replies, and in a channel only to a named recipient and team.
        if (!args.thread_ts) return { ok: false, error: 'invalid_arguments' };
        if (!String(args.channel).startsWith('D') && (!args.recipient_user_id || !args.recipient_team_id))
          return { ok: false, error: 'missing_recipient' };
        const message: FakeSlackMessage = {
          channel: args.channel,
          ts: nextTs(),
          thread_ts: args.thread_ts,
          user: FAKE_BOT.botUserId,
          bot_id: FAKE_BOT.botId,
          text: args.markdown_text ?? '',
          streaming: true,
          recipient: { user: args.recipient_user_id, team: args.recipient_team_id },
        };
        messages.push(message);
        return { ok: true, channel: args.channel, ts: message.ts };
      }
      case 'chat.appendStream':
      case 'chat.stopStream': {
        const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        if (!message.streaming) return { ok: false, error: 'message_not_in_streaming_state' };
        message.text = `${message.text ?? ''}${args.markdown_text ?? ''}`;
        if (method === 'chat.stopStream') {
          message.streaming = false;
          message.blocks = [{ type: 'markdown', text: message.text }, ...(args.blocks ?? [])];
        }
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setTitle':
        return args.channel_id && args.thread_ts ? { ok: true } : { ok: false, error: 'invalid_arguments' };
      case 'views.publish': {
        homes.set(args.user_id, args.view);
        return { ok: true, view: { id: `V${++counter}`, ...args.view } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
        return { ok: true, view: { id: `V${++counter}`, ...args.view } };
      case 'users.info': {
        const user = users.get(args.user);
        return user
          ? {
              ok: true,
              user: {
                id: args.user,
                ...(user.tz ? { tz: user.tz } : {}),
                profile: { ...(user.email ? { email: user.email } : {}) },
              },
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.replies': {
        const thread = messages
          .filter((m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts))
          .sort((a, b) => a.ts.localeCompare(b.ts));
        return thread.length > 0
          ? { ok: true, messages: thread, has_more: false, response_metadata: { next_cursor: '' } }
          : { ok: false, error: 'thread_not_found' };
      }
      case 'reactions.add':
        return { ok: true };
      case 'conversations.open':
        // The DM channel with one member, as im:write opens it.
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'apps.connections.open':
        return api.socketUrl ? { ok: true, url: api.socketUrl } : { ok: false, error: 'invalid_auth' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/respond/')) {
        responses.push({ path: url, body: raw ? JSON.parse(raw) : null });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.replace(/^\/api\//, '').split('?')[0]!;
      const args = parseArgs(raw, req.headers['content-type']);
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? args.token;
      calls.push({ method, args, token, at: performance.now() });
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(handle(method, args)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: FakeSlackApi = {
    socketUrl: undefined,
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'T0TEAM001/1/abc') => `${base}/respond/${id}`,
    calls,
    responses,
    messages,
    users,
    homes,
    methods: () => calls.map((c) => c.method),
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    seedMessage(message) {
      messages.push(message);
    },
    async waitFor(check, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value) return value;
        if (Date.now() > deadline)
          throw new Error('fake Slack API: timed out waiting for the expected calls');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      messages.length = 0;
      failures.clear();
      users.clear();
      homes.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return api;
}
