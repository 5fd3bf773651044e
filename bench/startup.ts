import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchResult, percentile } from './stats.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** Spawns the built service and resolves with the ms until /readyz answers 200. */
async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('service not ready after 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/**
 * Time from starting the built service (what `npm start` runs) to a 200 from
 * /readyz on the embedded default: first start (creates and migrates the
 * PGlite database) and warm starts (the usual case once installed).
 */
export async function runStartupBench(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-bench-'));
  try {
    const first = await timeToReady(dataDir, 39_871);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await timeToReady(dataDir, 39_871));
    return [
      {
        name: 'start to ready (embedded PGlite)',
        firstStartMs: Math.round(first),
        warmP50Ms: Math.round(percentile(warm, 50)),
        warmMaxMs: Math.round(Math.max(...warm)),
        target: 'warm < 2000 ms',
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
