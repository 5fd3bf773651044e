/**
 * Start-up cost of what a user runs, each as a fresh child process of the
 * built code (dist/), several runs, p50 and max:
 *
 * - one-shot CLI commands: `tutor --help`, `tutor search`, `tutor ask` in
 *   extractive mode (no API key; it opens the embedded database to log the
 *   question, as it does for a user), `tutor content check`; wall time and
 *   the child's own CPU time, which a loaded machine does not inflate;
 * - the service (what `npm start` runs) until /readyz answers 200: the first
 *   start (creates and migrates the embedded PGlite) and warm starts.
 *
 *   npm run bench -- startup
 *   BENCH_RUNS=3 npx tsx bench/startup.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchResult, percentile } from './stats.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = path.join(ROOT, 'dist/src/cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REPORT_CPU = new URL('./report-cpu-usage.mjs', import.meta.url).href;

/** The environment of every child: nothing from this shell but PATH, so a local .env or key does not leak in. */
const childEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  DATA_DIR: dataDir,
  CONTENT_DIR: path.join(ROOT, 'content'),
  LOG_LEVEL: 'warn',
  ...extra,
});

/** Runs `node dist/src/cli.js ...args` to completion; resolves its wall time and its own CPU time in ms. */
function timeCli(args: string[], dataDir: string): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now();
  // Run from the data folder: settings come from childEnv alone, not from a .env in the checkout.
  const child = spawn(process.execPath, ['--import', REPORT_CPU, CLI, ...args], {
    cwd: dataDir,
    env: childEnv(dataDir),
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let cpu = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdio[3]?.on('data', (chunk: Buffer) => {
    cpu += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      if (code === 0) resolve({ wallMs, cpuMs: Number(cpu.trim()) });
      else reject(new Error(`tutor ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}

/** Spawns the built service and resolves with the ms until /readyz answers 200. */
async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: dataDir,
    env: childEnv(dataDir, { PORT: String(port) }),
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

async function cliRow(name: string, args: string[], dataDir: string, target: string): Promise<BenchResult> {
  const runs: Array<{ wallMs: number; cpuMs: number }> = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeCli(args, dataDir));
  const wall = runs.map((r) => r.wallMs);
  return {
    name,
    runs: RUNS,
    p50Ms: Math.round(percentile(wall, 50)),
    maxMs: Math.round(Math.max(...wall)),
    // Its own CPU time: on a shared machine wall time mostly measures the neighbours.
    cpuP50Ms: Math.round(
      percentile(
        runs.map((r) => r.cpuMs),
        50,
      ),
    ),
    target,
  };
}

/**
 * Time from a fresh process to its result for the one-shot CLI commands, and
 * from starting the built service to a 200 from /readyz on the embedded
 * default: first start (creates and migrates the PGlite database) and warm
 * starts (the usual case once installed).
 */
export async function runStartupBench(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-bench-'));
  try {
    const first = await timeToReady(dataDir, 39_871);
    const warm: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) warm.push(await timeToReady(dataDir, 39_871));
    // The database exists now (created by the first start), as it does for a user who asks from the CLI.
    return [
      await cliRow('tutor --help', ['--help'], dataDir, 'fast'),
      await cliRow('tutor search', ['search', 'what is a token'], dataDir, 'p50 < 1000 ms'),
      await cliRow('tutor ask (extractive)', ['ask', 'what is a token'], dataDir, 'p50 < 2000 ms'),
      await cliRow('tutor content check', ['content', 'check'], dataDir, 'fast'),
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

// `npx tsx bench/startup.ts`: this suite alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await runStartupBench()) console.log(JSON.stringify(result));
  process.exit(0);
}
