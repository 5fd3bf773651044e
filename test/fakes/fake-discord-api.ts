// biome-ignore-all lint/suspicious/noAssignInExpressions: a regex router: each branch assigns the match it tests.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received; `path` is relative to `/api/v10`. */
export interface RecordedDiscordRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A canned reply for one route, overriding the default behaviour. */
export interface FakeDiscordReply {
  status: number;
  body?: unknown;
}

/** A running fake of Discord's REST API. */
export interface FakeDiscordApi {
  /** Pass as the REST `api` option or DISCORD_API_URL (discord.js appends `/v10`). */
  url: string;
  requests: RecordedDiscordRequest[];
  /** Messages by id, as GET /channels/:c/messages/:m returns them; seeded by tests, extended by bot sends. */
  messages: Map<string, any>;
  /** Replies for requests matching `method path` (regex over e.g. `PUT /applications/1/commands`), used once each. */
  override(pattern: RegExp, reply: FakeDiscordReply): void;
  /** Resolves when a request matching the predicate has arrived (already or later). */
  waitFor(
    predicate: (r: RecordedDiscordRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedDiscordRequest>;
  close(): Promise<void>;
}

/** The bot user the fake authors its messages as. */
export interface FakeBotUser {
  id: string;
  username: string;
}

let nextId = 1_300_000_000_000_000_000n;
/** A fresh snowflake-shaped id. */
export const snowflake = (): string => String(nextId++);

/**
 * A loopback stand-in for Discord's REST API (v10), speaking its JSON shapes so
 * the real discord.js REST client can be pointed at it. It records every
 * request, answers the routes the bot and `tutor discord register` use, and
 * keeps the messages the bot sends (and edits) so reply chains and threads
 * can be read back.
 */
export async function startFakeDiscordApi(options: {
  bot: FakeBotUser;
  gatewayUrl?: string;
}): Promise<FakeDiscordApi> {
  const requests: RecordedDiscordRequest[] = [];
  const messages = new Map<string, any>();
  const overrides: Array<{ pattern: RegExp; reply: FakeDiscordReply }> = [];
  const waiters: Array<{
    predicate: (r: RecordedDiscordRequest) => boolean;
    resolve: (r: RecordedDiscordRequest) => void;
  }> = [];

  const author = {
    id: options.bot.id,
    username: options.bot.username,
    global_name: null,
    discriminator: '0000',
    avatar: null,
    bot: true,
    public_flags: 0,
  };
  const message = (channelId: string, body: any, extra: Record<string, unknown> = {}) => {
    const created = {
      id: snowflake(),
      channel_id: channelId,
      author,
      type: body?.message_reference ? 19 : 0,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: body?.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...(body?.message_reference
        ? { message_reference: { type: 0, channel_id: channelId, ...body.message_reference } }
        : {}),
      ...extra,
    };
    messages.set(created.id, created);
    return created;
  };

  function route(method: string, path: string, body: any, query: URLSearchParams): FakeDiscordReply {
    const key = `${method} ${path}`;
    const override = overrides.findIndex((o) => o.pattern.test(key));
    if (override >= 0) return overrides.splice(override, 1)[0]!.reply;
    let m: RegExpExecArray | null;
    if (key === 'GET /gateway/bot') {
      return {
        status: 200,
        body: {
          url: options.gatewayUrl ?? 'ws://127.0.0.1:9',
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if ((m = /^PUT \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(key))) {
      const registered = (body as any[]).map((c) => ({
        ...c,
        id: snowflake(),
        application_id: m![1],
        ...(m![2] ? { guild_id: m![2] } : {}),
        version: snowflake(),
      }));
      return { status: 200, body: registered };
    }
    if (/^POST \/interactions\/\d+\/[^/]+\/callback$/.test(key)) return { status: 204 };
    if ((m = /^(PATCH|GET) \/webhooks\/(\d+)\/[^/]+\/messages\/@original$/.exec(key))) {
      return { status: 200, body: message('0', body, { webhook_id: m[2], application_id: m[2] }) };
    }
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(key)) return { status: 204 };
    if ((m = /^POST \/webhooks\/(\d+)\/[^/]+$/.exec(key)))
      return { status: 200, body: message('0', body, { webhook_id: m[1], application_id: m[1] }) };
    if (key === 'POST /users/@me/channels') {
      // The DM channel with one user; the same user always gets the same channel, as on Discord.
      const id = `7${String(body?.recipient_id ?? '0').slice(1)}`;
      return { status: 200, body: { id, type: 1, recipients: [{ id: body?.recipient_id }] } };
    }
    if (/^POST \/channels\/\d+\/typing$/.test(key)) return { status: 204 };
    if ((m = /^POST \/channels\/(\d+)\/messages$/.exec(key)))
      return { status: 200, body: message(m[1]!, body) };
    if ((m = /^PATCH \/channels\/(\d+)\/messages\/(\d+)$/.exec(key))) {
      const found = messages.get(m[2]!);
      if (!found || found.channel_id !== m[1])
        return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      for (const field of ['content', 'embeds', 'components'] as const)
        if (body && field in body) found[field] = body[field] ?? (field === 'content' ? '' : []);
      found.edited_timestamp = new Date().toISOString();
      return { status: 200, body: found };
    }
    if ((m = /^GET \/channels\/(\d+)\/messages$/.exec(key))) {
      // Newest first, as Discord lists them; `before` and `limit` as Discord reads them.
      const before = query.get('before');
      const limit = Number(query.get('limit') ?? 50);
      const listed = [...messages.values()]
        .filter((msg) => msg.channel_id === m![1] && (!before || BigInt(msg.id) < BigInt(before)))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, limit);
      return { status: 200, body: listed };
    }
    if ((m = /^GET \/channels\/(\d+)\/messages\/(\d+)$/.exec(key))) {
      const found = messages.get(m[2]!);
      return found
        ? { status: 200, body: found }
        : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
      const body =
        raw && String(req.headers['content-type']).startsWith('application/json')
          ? JSON.parse(raw)
          : raw || null;
      const recorded: RecordedDiscordRequest = {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      const reply = route(recorded.method, path, body, url.searchParams);
      for (const waiter of waiters.filter((w) => w.predicate(recorded))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
      if (reply.body === undefined) res.writeHead(reply.status).end();
      else
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    messages,
    override: (pattern, reply) => void overrides.push({ pattern, reply }),
    waitFor(predicate, timeoutMs = 60_000) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `fake Discord API: no matching request within ${timeoutMs} ms; got ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
