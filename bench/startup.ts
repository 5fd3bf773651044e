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
 * Each start is printed beside its floor, measured in the same run: a bare
 * process that opens the same database and runs one query.
 *
 *   npm run bench -- startup
 *   BENCH_RUNS=3 npx tsx bench/startup.ts
 *   BENCH_DATABASE_URL=postgresql://… npm run bench -- startup   (adds PostgreSQL)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchResult, percentile, ratioOf } from './stats.js';

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

/** Polls until `ready()` is true or the child exits; resolves the ms since `started`. */
async function waitUntil(
  child: ChildProcess,
  started: number,
  ready: () => Promise<boolean>,
): Promise<number> {
  for (;;) {
    if (child.exitCode !== null && !(await ready())) throw new Error(`child exited with ${child.exitCode}`);
    if (await ready()) return performance.now() - started;
    if (performance.now() - started > 180_000) throw new Error('not ready after 180 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Spawns the built service and resolves with the ms until /readyz answers 200. */
async function timeToReady(
  dataDir: string,
  port: number,
  extra: Record<string, string> = {},
): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: dataDir,
    env: childEnv(dataDir, { PORT: String(port), ...extra }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    return await waitUntil(child, started, () =>
      fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/**
 * The floor for a start: a bare Node process that opens the database with
 * the same driver and runs one query, nothing else (no config, content,
 * Prisma or HTTP server). Resolves the ms until it has the answer.
 */
async function timeBareOpen(database: { pgliteDir: string } | { postgresUrl: string }): Promise<number> {
  const pglite = pathToFileURL(path.join(ROOT, 'node_modules/@electric-sql/pglite/dist/index.js')).href;
  const pg = pathToFileURL(path.join(ROOT, 'node_modules/pg/lib/index.js')).href;
  const script =
    'pgliteDir' in database
      ? `const { PGlite } = await import(${JSON.stringify(pglite)});
         const db = await PGlite.create({ dataDir: ${JSON.stringify(database.pgliteDir)} });
         await db.query('SELECT 1'); process.stdout.write('ready'); await db.close();`
      : `const { default: pg } = await import(${JSON.stringify(pg)});
         const client = new pg.Client({ connectionString: ${JSON.stringify(database.postgresUrl)} });
         await client.connect(); await client.query('SELECT 1'); process.stdout.write('ready'); await client.end();`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  try {
    return await waitUntil(child, started, async () => out.includes('ready'));
  } finally {
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
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
  const warmRuns = Math.min(RUNS, 5);
  try {
    const first = await timeToReady(dataDir, 39_871);
    // Interleaved, so load from elsewhere hits the service and its floor alike.
    const warm: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < warmRuns; i++) {
      floor.push(await timeBareOpen({ pgliteDir: path.join(dataDir, 'pg') }));
      warm.push(await timeToReady(dataDir, 39_871));
    }
    const warmP50 = Math.round(percentile(warm, 50));
    const floorP50 = Math.round(percentile(floor, 50));
    const rows: BenchResult[] = [
      {
        name: 'start to ready, PGlite, first start (new data folder)',
        value: Math.round(first),
        unit: 'ms',
        anchor: 'warm start, same run',
        anchorValue: warmP50,
        target: '< 2x warm',
        met: first < 2 * warmP50,
      },
      {
        name: 'start to ready, PGlite, warm p50',
        value: warmP50,
        unit: 'ms',
        anchor: 'bare PGlite open + SELECT 1',
        anchorValue: floorP50,
        target: '< 2000 ms',
        met: warmP50 < 2000,
        warmMaxMs: Math.round(Math.max(...warm)),
        runs: warm.map(Math.round).join(' '),
        floorRuns: floor.map(Math.round).join(' '),
      },
    ];
    const postgresUrl = process.env.BENCH_DATABASE_URL;
    if (postgresUrl) rows.push(await postgresStart(dataDir, postgresUrl, warmRuns));
    // The CLI rows take a while; the start rows are worth having even if the run is cut short.
    for (const row of rows) process.stderr.write(`${JSON.stringify(row)}\n`);
    // The database exists now (created by the first start), as it does for a user who asks from the CLI.
    rows.push(
      await cliRow('tutor --help', ['--help'], dataDir, 'fast'),
      await cliRow('tutor search', ['search', 'what is a token'], dataDir, 'p50 < 1000 ms'),
      await cliRow('tutor ask (extractive)', ['ask', 'what is a token'], dataDir, 'p50 < 2000 ms'),
      await cliRow('tutor content check', ['content', 'check'], dataDir, 'fast'),
    );
    return rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Warm starts on a PostgreSQL server (BENCH_DATABASE_URL), beside a bare pg connect + SELECT 1. */
async function postgresStart(dataDir: string, url: string, runs: number): Promise<BenchResult> {
  const env = { DATABASE_URL: url, TOKEN_SECRET: 'bench-secret-0123456789abcdefghijklmnop' };
  await timeToReady(dataDir, 39_872, env); // migrates the database if it is new
  const warm: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await timeBareOpen({ postgresUrl: url }));
    warm.push(await timeToReady(dataDir, 39_872, env));
  }
  const value = Math.round(percentile(warm, 50));
  const anchorValue = Math.round(percentile(floor, 50));
  return {
    name: 'start to ready, PostgreSQL, warm p50',
    value,
    unit: 'ms',
    anchor: 'bare pg connect + SELECT 1',
    anchorValue,
    ratio: ratioOf(value, anchorValue),
    target: '< 1500 ms',
    met: value < 1500,
    runs: warm.map(Math.round).join(' '),
  };
}

// `npx tsx bench/startup.ts`: this suite alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await runStartupBench()) console.log(JSON.stringify(result));
  process.exit(0);
}
