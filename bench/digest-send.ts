/**
 * Digest send throughput and memory: N active subscribers in a fresh embedded
 * PGlite (or BENCH_DATABASE_URL, a PostgreSQL server), the real digest job
 * (snapshot, claim, send, record) and nodemailer's pooled SMTP transport to a
 * real SMTP server on loopback that accepts and discards.
 *
 * Every subscriber already got an earlier issue (on RAG, two weeks ago), so
 * each copy carries its own "Check yourself" recall block: the per-recipient
 * cost of the digest's retrieval practice is in the figures. BENCH_RECALL=0
 * measures without it.
 *
 * Each size runs in its own process, so peak RSS is that run's alone; the
 * sink runs in this process. Memory should stay flat from the small size to
 * the large one: recipients are claimed in batches, never loaded at once.
 *
 * Beside it, in the same run and against the same sink: raw nodemailer with
 * the same pool sending the same message, no database (the anchor).
 *
 *   npm run bench -- digest            (2,000 and 10,000)
 *   npx tsx bench/digest-send.ts 500 5000
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Mailer, OutgoingEmail } from '../src/core/newsletter/ports.js';
import { startSmtpSink } from '../test/adapters/email/support/smtp-sink.js';
import { type BenchResult, ratioOf } from './stats.js';

const SELF = new URL(import.meta.url).pathname;
const WEEK = '2026-W48';

interface ChildReport {
  sent: number;
  seconds: number;
  rssBeforeMB: number;
  peakRssMB: number;
  /** JS heap in use after a full GC, before and after the send: what the run kept. */
  heapBeforeMB: number;
  heapAfterMB: number;
  database: string;
  sample: OutgoingEmail;
}

interface RawReport {
  seconds: number;
  peakRssMB: number;
}

const heapAfterGc = () => {
  global.gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
};

async function openBenchDatabase() {
  const { openDriverAdapter } = await import('../src/adapters/db/driver-adapter.js');
  const { createDatabaseOn } = await import('../src/adapters/db/create-database.js');
  const url = process.env.BENCH_DATABASE_URL;
  const handle = await openDriverAdapter(
    url
      ? { kind: 'postgres', connectionString: url }
      : { kind: 'pglite', dataDir: path.join(process.env.DATA_DIR!, 'pg') },
  );
  return { handle, database: createDatabaseOn(handle), kind: url ? 'PostgreSQL' : 'PGlite' };
}

/**
 * Thirty IANA zones from UTC+14 to UTC−12 (BENCH_ZONES=30 spreads the
 * subscribers over the first N of them, round robin; see digest-zones.ts).
 */
export const BENCH_ZONES = [
  'Pacific/Kiritimati',
  'Pacific/Tongatapu',
  'Pacific/Auckland',
  'Pacific/Noumea',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Bangkok',
  'Asia/Dhaka',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Karachi',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Athens',
  'Europe/Berlin',
  'Europe/London',
  'Atlantic/Azores',
  'America/Noronha',
  'America/Sao_Paulo',
  'America/St_Johns',
  'America/Halifax',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'Pacific/Pago_Pago',
  'Etc/GMT+12',
];

/** First child: migrate and seed N active subscribers (its memory is not measured). */
async function setup(count: number): Promise<void> {
  const { applyMigrations } = await import('../src/adapters/db/migrate.js');
  const { handle, database } = await openBenchDatabase();
  await applyMigrations(handle.factory);
  await database.prisma.$executeRaw`TRUNCATE "Delivery", "DigestIssue", "Subscriber" CASCADE`;
  await database.prisma.$executeRaw`
    INSERT INTO "Subscriber" (id, email, status, "consentSource", "consentAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'reader' || i || '@example.com', 'active', 'bench', now(), now(), now() FROM generate_series(1, ${count}) AS i`;
  // An earlier issue everyone received, so the job picks a recall question for every recipient.
  await database.prisma.$executeRaw`
    INSERT INTO "DigestIssue" (id, "weekKey", "conceptSlug", "useCaseSlug", status, "scheduledFor", "snapshotAt", "sentAt")
    VALUES (gen_random_uuid(), '2026-W46', 'rag', 'hr-policy-bot-in-slack', 'sent', now() - interval '14 days', now() - interval '14 days', now() - interval '14 days')`;
  await database.prisma.$executeRaw`
    INSERT INTO "Delivery" (id, "issueId", "subscriberId", status, attempts, "sentAt")
    SELECT gen_random_uuid(), i.id, s.id, 'sent', 1, now() - interval '14 days'
    FROM "Subscriber" s CROSS JOIN "DigestIssue" i WHERE i."weekKey" = '2026-W46'`;
  const zones = BENCH_ZONES.slice(0, Number(process.env.BENCH_ZONES ?? 0));
  if (zones.length > 0)
    await database.prisma.$executeRaw`
      UPDATE "Subscriber" s SET "timeZone" = (${zones}::text[])[1 + n.i % ${zones.length}]
      FROM (SELECT id, row_number() OVER (ORDER BY email) AS i FROM "Subscriber") n WHERE n.id = s.id`;
  await database.close();
  process.send!({ ready: true });
}

/** The newsletter as the service wires it, on the bench database and SMTP sink, with `clock`. */
export async function openBenchNewsletter(clock: { now(): Date }) {
  const { openNewsletter } = await import('../src/wiring/newsletter.js');
  const { loadConfig } = await import('../src/config/load-config.js');
  const { loadLibrary } = await import('../src/adapters/content/content-library.js');
  const { createConsoleLogger } = await import('../src/adapters/log/console-logger.js');
  const { database, kind } = await openBenchDatabase();
  const built = await loadLibrary(path.resolve(new URL('..', import.meta.url).pathname, 'content'), clock);
  if (!built.ok) throw new Error('the content library is invalid');
  const config = loadConfig(process.env);
  const logger = createConsoleLogger({ level: 'warn', write: (line) => process.stderr.write(`${line}\n`) });
  const { createSmtpMailer } = await import('../src/adapters/email/smtp-mailer.js');
  const smtp = createSmtpMailer({
    url: config.SMTP_URL!,
    from: config.MAIL_FROM!,
    rateLimit: 0,
    maxConnections: config.SMTP_MAX_CONNECTIONS,
  });
  // The real mailer; the first message is kept so the raw-nodemailer anchor sends the same one.
  let sample: OutgoingEmail | undefined;
  const mailer: Mailer = {
    description: smtp.description,
    send: (email) => {
      sample ??= email;
      return smtp.send(email);
    },
    close: () => smtp.close(),
  };
  const { createPrismaPracticeStore } = await import('../src/adapters/db/prisma-practice-store.js');
  const { createPracticeService } = await import('../src/core/practice/practice-service.js');
  const practiceStore = createPrismaPracticeStore(database.prisma);
  const { createReviewScheduler } = await import('../src/core/practice/review-scheduler.js');
  const practice =
    process.env.BENCH_RECALL === '0'
      ? undefined
      : {
          store: practiceStore,
          service: createPracticeService({
            store: practiceStore,
            scheduler: createReviewScheduler(),
            clock,
            library: () => built.library,
            newId: () => crypto.randomUUID(),
          }),
        };
  const newsletter = openNewsletter({
    config,
    logger,
    clock,
    database,
    mailer,
    library: () => built.library,
    ...(practice ? { practice } : {}),
  });
  return { newsletter, database, kind, sample: () => sample! };
}

/** Second child: open the database as the service does and run the digest job once; report time and memory. */
async function send(): Promise<void> {
  const { newsletter, database, kind, sample } = await openBenchNewsletter({ now: () => new Date() });
  const heapBefore = heapAfterGc();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const report = await newsletter.services.digest.send({ weekKey: WEEK });
  const seconds = (performance.now() - started) / 1000;
  const heapAfter = heapAfterGc();
  await newsletter.close();
  await database.close();
  const result: ChildReport = {
    sent: report.delivery.sent,
    seconds,
    rssBeforeMB: Math.round(rssBefore / 1048576),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapBeforeMB: heapBefore,
    heapAfterMB: heapAfter,
    database: kind,
    sample: sample(),
  };
  process.send!(result);
}

/**
 * The anchor: raw nodemailer, with the transport options of the project's
 * mailer (same pool size, same SMTP sink), sending the project's own first
 * message N times with as many in flight as the job allows, and no database.
 */
async function sendRaw(count: number): Promise<void> {
  const { createTransport } = await import('nodemailer');
  const { toMailOptions } = await import('../src/adapters/email/to-mail-options.js');
  const email = JSON.parse(process.env.BENCH_SAMPLE!) as OutgoingEmail;
  const connections = Number(process.env.SMTP_MAX_CONNECTIONS);
  const transport = createTransport(
    { pool: true, url: process.env.SMTP_URL, maxConnections: connections, maxMessages: 500 },
    { from: process.env.MAIL_FROM },
  );
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await transport.sendMail(toMailOptions(email));
    }
  };
  // As many in flight as the service allows (twice the pool), so neither side waits on the other's limit.
  await Promise.all(Array.from({ length: connections * 2 }, worker));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  process.send!({
    seconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  } satisfies RawReport);
}

/** Forks this file (or `file`) in a mode and resolves its one IPC message. */
export function runChild<T>(
  mode: string,
  count: number,
  env: Record<string, string>,
  file = SELF,
): Promise<T> {
  const proc = fork(file, [mode, String(count)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH, ...env },
  });
  return new Promise<T>((resolve, reject) => {
    let message: T | undefined;
    proc.once('message', (m) => (message = m as T));
    proc.once('exit', (code) =>
      message !== undefined
        ? resolve(message)
        : reject(new Error(`benchmark child (${mode}) exited with ${code}`)),
    );
  });
}

/** The environment of a bench child: a data folder, the sink, and the service's settings. */
export function benchEnv(dataDir: string, smtpUrl: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    SMTP_URL: smtpUrl,
    SMTP_RATE_LIMIT: '0',
    SMTP_MAX_CONNECTIONS: '5',
    MAIL_FROM: 'Concept Tutor <digest@example.com>',
    PUBLIC_URL: 'https://tutor.example.com',
    POSTAL_ADDRESS: 'Example Ltd, 1 Main St, Springfield',
    TOKEN_SECRET: 'bench-secret-0123456789abcdefghijklmnop',
    ...(process.env.BENCH_RECALL ? { BENCH_RECALL: process.env.BENCH_RECALL } : {}),
    ...(process.env.BENCH_DATABASE_URL ? { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  };
}

/** Runs one size against a fresh database and sink; returns its figures. */
async function runSize(count: number): Promise<BenchResult> {
  const sink = await startSmtpSink({ keep: false });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ct-bench-digest-'));
  const env = benchEnv(dataDir, sink.url);
  try {
    await runChild('--setup', count, env);
    const report = await runChild<ChildReport>('--send', count, env);
    if (report.sent !== count || sink.accepted !== count)
      throw new Error(`sent ${report.sent}, the sink accepted ${sink.accepted}, expected ${count}`);
    const raw = await runChild<RawReport>('--raw', count, {
      ...env,
      BENCH_SAMPLE: JSON.stringify(report.sample),
    });
    if (sink.accepted !== 2 * count)
      throw new Error(`raw nodemailer: the sink accepted ${sink.accepted - count}`);
    const value = Math.round(count / report.seconds);
    const anchorValue = Math.round(count / raw.seconds);
    const ratio = ratioOf(value, anchorValue)!;
    const target = report.database === 'PostgreSQL' ? 0.7 : 0.6;
    return {
      name: `digest send, ${count.toLocaleString('en')} subscribers (${report.database}, loopback SMTP)`,
      value,
      unit: 'msg/s',
      anchor: `raw nodemailer, same pool (${env.SMTP_MAX_CONNECTIONS}), message and sink`,
      anchorValue,
      ratio,
      target: `>= ${target}x`,
      met: ratio >= target,
      messagesPerSecond: value,
      totalSeconds: Number(report.seconds.toFixed(1)),
      rssBeforeSendMB: report.rssBeforeMB,
      peakRssMB: report.peakRssMB,
      rawPeakRssMB: raw.peakRssMB,
      heapAfterGcMB: `${report.heapBeforeMB} before, ${report.heapAfterMB} after`,
      memoryTarget: 'peak RSS flat across sizes',
    };
  } finally {
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- digest`: two sizes, to show throughput and that memory does not grow with the list. */
export async function runDigestSendBench(sizes: number[] = [2_000, 10_000]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const size of sizes) results.push(await runSize(size));
  return results;
}

if (process.argv[2] === '--setup') {
  await setup(Number(process.argv[3]));
  process.exit(0);
} else if (process.argv[2] === '--send') {
  await send();
  process.exit(0);
} else if (process.argv[2] === '--raw') {
  await sendRaw(Number(process.argv[3]));
  process.exit(0);
} else if (process.argv[1] === SELF) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const result of await runDigestSendBench(sizes.length > 0 ? sizes : undefined)) console.log(result);
}
