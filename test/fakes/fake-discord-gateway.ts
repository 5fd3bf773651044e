import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A running fake of Discord's gateway. */
export interface FakeDiscordGateway {
  /** What GET /gateway/bot should return as `url`. */
  url: string;
  /** The IDENTIFY payloads (op 2) received, e.g. to check the requested intents. */
  identifies: any[];
  /** Resolves once a client has identified and been sent READY and its GUILD_CREATEs. */
  ready(): Promise<void>;
  /** Sends a dispatch event (op 0) to every connected client. */
  dispatch(type: string, data: unknown): void;
  close(): Promise<void>;
}

/** What the gateway tells the bot about itself in READY. */
export interface FakeGatewayOptions {
  user: Record<string, unknown> & { id: string };
  applicationId: string;
  /** GUILD_CREATE payloads sent after READY, as Discord does for every guild the bot is in. */
  guilds?: any[];
  /** Close code to send instead of READY (e.g. 4004 for an invalid token). */
  rejectWith?: number;
}

/**
 * A loopback stand-in for Discord's gateway (v10, JSON encoding, no
 * compression): HELLO, IDENTIFY, READY, heartbeats and dispatches. The real
 * discord.js client connects to it, so gateway payload fixtures travel the
 * same path as in production, through discord.js's own packet handlers.
 */
export async function startFakeDiscordGateway(options: FakeGatewayOptions): Promise<FakeDiscordGateway> {
  const identifies: any[] = [];
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const send = (socket: WebSocket, payload: unknown) => socket.send(JSON.stringify(payload));
  const dispatchTo = (socket: WebSocket, t: string, d: unknown) =>
    send(socket, { op: 0, t, s: ++sequence, d });

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw));
      if (payload.op === 1) send(socket, { op: 11 });
      if (payload.op !== 2) return;
      identifies.push(payload.d);
      if (options.rejectWith) {
        socket.close(options.rejectWith, 'Authentication failed.');
        return;
      }
      const guilds = options.guilds ?? [];
      dispatchTo(socket, 'READY', {
        v: 10,
        user: options.user,
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: 'fake-session',
        resume_gateway_url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
        shard: [0, 1],
        application: { id: options.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        user_settings: {},
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        auth: {},
      });
      for (const guild of guilds) dispatchTo(socket, 'GUILD_CREATE', guild);
      markReady();
    });
  });

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    identifies,
    ready: () => readyPromise,
    dispatch(type, data) {
      for (const socket of sockets) dispatchTo(socket, type, data);
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
