import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** What a Socket Mode client sent back for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

/** A running fake of Slack's Socket Mode WebSocket endpoint. */
export interface FakeSlackSocket {
  /** The wss URL apps.connections.open hands out (ws:// on loopback). */
  url: string;
  /** Resolves when a client has connected and been sent `hello`. */
  connected(): Promise<void>;
  /** Sends an envelope (events_api, slash_commands, interactive) and resolves with the client's ack. */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    extra?: Record<string, unknown>,
  ): Promise<SocketAck>;
  /** Resolves when the client has closed the connection. */
  closed(): Promise<void>;
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One WebSocket frame, server to client (never masked). */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Reads complete client frames (always masked) off the front of `buffer`. */
function* readFrames(state: { buffer: Buffer }): Generator<{ opcode: number; payload: Buffer }> {
  for (;;) {
    const b = state.buffer;
    if (b.length < 2) return;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) [length, offset] = [b.length >= 4 ? b.readUInt16BE(2) : -1, 4];
    else if (length === 127) [length, offset] = [b.length >= 10 ? Number(b.readBigUInt64BE(2)) : -1, 10];
    if (length < 0 || b.length < offset + 4 + length) return;
    const mask = b.subarray(offset, offset + 4);
    const payload = Buffer.from(
      b.subarray(offset + 4, offset + 4 + length).map((byte, i) => byte ^ mask[i % 4]!),
    );
    state.buffer = b.subarray(offset + 4 + length);
    yield { opcode: b[0]! & 0x0f, payload };
  }
}

/**
 * A loopback stand-in for Slack's Socket Mode endpoint: a minimal RFC 6455
 * server (handshake, text/ping/close frames) speaking Slack's envelope
 * protocol — `hello` on connect, envelopes in, `{envelope_id}` acks out — so
 * the real SocketModeReceiver can be tested end to end.
 */
export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const acks = new Map<string, (ack: SocketAck) => void>();
  let socket: Duplex | undefined;
  let onConnected!: () => void;
  let onClosed!: () => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createServer((_req, res) => res.writeHead(426).end());

  server.on('upgrade', (req: IncomingMessage, duplex: Duplex) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64');
    duplex.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket = duplex;
    const state = { buffer: Buffer.alloc(0) };
    duplex.on('data', (chunk: Buffer) => {
      state.buffer = Buffer.concat([state.buffer, chunk]);
      for (const { opcode, payload } of readFrames(state)) {
        if (opcode === 0x1) {
          const ack = JSON.parse(payload.toString('utf8')) as SocketAck;
          acks.get(ack.envelope_id)?.(ack);
        } else if (opcode === 0x9) duplex.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          duplex.end(frame(0x8, payload));
        }
      }
    });
    duplex.on('close', () => onClosed());
    duplex.on('error', () => onClosed());
    const hello = {
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: 'A0TUTOR001' },
    };
    duplex.write(frame(0x1, Buffer.from(JSON.stringify(hello))));
    onConnected();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake-ticket&app_id=A0TUTOR001`,
    connected: () => connected,
    closed: () => closed,
    send(type, payload, extra = {}) {
      if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
      const envelopeId = randomUUID();
      const envelope = {
        envelope_id: envelopeId,
        payload,
        type,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
        ...extra,
      };
      const acked = new Promise<SocketAck>((resolve) => acks.set(envelopeId, resolve));
      socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
      return acked;
    },
    close: () =>
      new Promise((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
