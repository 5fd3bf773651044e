import { fork } from 'node:child_process';
import type { LoadRequest, LoadResult } from './http-load-client.js';

export type { LoadResult } from './http-load-client.js';

/**
 * Sends `requests` GETs to a loopback server over `connections` keep-alive
 * connections from a separate process (the client must not share the
 * server's event loop, or it would measure itself), and returns the
 * throughput and latency it saw.
 */
export function loadTest(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load-client.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`load generator: ${message.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before answering`));
    });
    child.send(request);
  });
}
