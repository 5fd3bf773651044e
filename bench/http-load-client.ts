import { connect, type Socket } from 'node:net';

/**
 * The load generator's own process (forked by http-load.ts, so it runs on the
 * other core instead of competing with the server for one event loop). A
 * minimal keep-alive HTTP/1.1 client on raw sockets, like autocannon: it only
 * parses the status line, Content-Length and chunked framing, so it can push
 * a bare server harder than node:http or fetch would.
 */

/** What the parent asks for. */
export interface LoadRequest {
  port: number;
  path: string;
  headers: Record<string, string>;
  connections: number;
  /** Requests sent (and not timed) before measuring. */
  warmup: number;
  /** Requests measured. */
  requests: number;
}

/** What the child answers. */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  statuses: Record<string, number>;
  /** Body bytes of the last response, to check both servers sent the same size. */
  bodyBytes: number;
}

const CRLF2 = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Reads responses off one socket; calls `done(status, bodyBytes)` per complete response. */
function responseParser(done: (status: number, bodyBytes: number) => void): (chunk: Buffer) => void {
  let buffer: Buffer = Buffer.alloc(0);
  let state: 'head' | 'length' | 'chunked' = 'head';
  let status = 0;
  let remaining = 0;
  let bodyBytes = 0;
  return (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (state === 'head') {
        const end = buffer.indexOf(CRLF2);
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        status = Number(head.slice(9, 12));
        bodyBytes = 0;
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) state = 'chunked';
        else if (status === 304 || status === 204 || !length || Number(length[1]) === 0) {
          done(status, 0);
          continue;
        } else {
          state = 'length';
          remaining = Number(length[1]);
        }
      }
      if (state === 'length') {
        const take = Math.min(remaining, buffer.length);
        remaining -= take;
        bodyBytes += take;
        buffer = buffer.subarray(take);
        if (remaining > 0) return;
        state = 'head';
        done(status, bodyBytes);
        continue;
      }
      // chunked: "<hex>\r\n<data>\r\n" … "0\r\n\r\n"
      const lineEnd = buffer.indexOf(CRLF);
      if (lineEnd < 0) return;
      const size = Number.parseInt(buffer.subarray(0, lineEnd).toString('latin1'), 16);
      if (buffer.length < lineEnd + 2 + size + 2) return;
      buffer = buffer.subarray(lineEnd + 2 + size + 2);
      bodyBytes += size;
      if (size === 0) {
        state = 'head';
        done(status, bodyBytes);
      }
    }
  };
}

/** Runs `warmup` + `requests` requests over `connections` keep-alive sockets. */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const extra = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const raw = Buffer.from(
    `GET ${request.path} HTTP/1.1\r\nHost: 127.0.0.1:${request.port}\r\nAccept: text/html\r\n${extra}\r\n`,
  );
  const total = request.warmup + request.requests;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let completed = 0;
  let bodyBytes = 0;
  let measuredFrom = 0;
  const sockets: Socket[] = [];
  if (request.warmup === 0) measuredFrom = performance.now();
  await new Promise<void>((resolve, reject) => {
    const open = () => {
      const socket = connect({ host: '127.0.0.1', port: request.port, noDelay: true });
      sockets.push(socket);
      let startedAt = 0;
      const send = () => {
        if (sent >= total) return;
        sent += 1;
        startedAt = performance.now();
        socket.write(raw);
      };
      socket.on(
        'data',
        responseParser((status, bytes) => {
          completed += 1;
          bodyBytes = bytes;
          if (completed === request.warmup) measuredFrom = performance.now();
          if (completed > request.warmup) {
            latencies.push(performance.now() - startedAt);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
          if (completed === total) resolve();
          else send();
        }),
      );
      socket.on('error', reject);
      socket.on('connect', send);
    };
    for (let i = 0; i < request.connections; i++) open();
  });
  const seconds = (performance.now() - measuredFrom) / 1000;
  for (const socket of sockets) socket.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!;
  return {
    requests: request.requests,
    seconds: Math.round(seconds * 1000) / 1000,
    perSecond: Math.round(request.requests / seconds),
    p50ms: Math.round(at(0.5) * 100) / 100,
    p99ms: Math.round(at(0.99) * 100) / 100,
    statuses,
    bodyBytes,
  };
}

if (process.send) {
  process.once('message', (message: LoadRequest) => {
    runLoad(message).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => process.send!({ ok: false, error: String(error) }, () => process.exit(1)),
    );
  });
}
