/**
 * Local-time delivery under load: N subscribers spread over 30 zones (UTC+14
 * to UTC−12), against the same N in one zone (DIGEST_TZ), in the same run,
 * on the same kind of database, the same SMTP sink and the same message.
 *
 * Both go through the scheduled job as the service runs it, with a fake
 * clock: the issue is created when the first zone's Tuesday 09:00 comes,
 * then the clock steps to each zone's 09:00 and the one-minute tick
 * (`resumeOpen`) sends the rows that came due. One zone is one pass; thirty
 * zones are thirty passes over an issue whose other rows wait. Figures:
 * messages per second over the time spent in the job (snapshot and passes,
 * not the clock's steps), the sender's own CPU time per message (which the
 * load of other processes does not inflate), and peak RSS.
 *
 *   npm run bench -- digest-zones      (10,000 subscribers)
 *   npx tsx bench/digest-zones.ts 2000
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSmtpSink } from '../test/adapters/email/support/smtp-sink.js';
import { BENCH_ZONES, benchEnv, openBenchNewsletter, runChild } from './digest-send.js';
import { type BenchResult, ratioOf } from './stats.js';

const SELF = new URL(import.meta.url).pathname;
const DIGEST_SEND = new URL('./digest-send.ts', import.meta.url).pathname;
/** DIGEST_CRON's occurrence for 2026-W48 in DIGEST_TZ (UTC). */
const SCHEDULED_FOR = new Date('2026-11-24T09:00:00.000Z');

interface ZonedReport {
  sent: number;
  passes: number;
  seconds: number;
  cpuMs: number;
  peakRssMB: number;
  database: string;
}

/** Child: the scheduled job over the issue's local send times; reports time, CPU and memory. */
async function sendByLocalTime(): Promise<void> {
  let now = SCHEDULED_FOR;
  const { newsletter, database, kind } = await openBenchNewsletter({ now: () => now });
  const job = newsletter.digestJob;
  const cpuBefore = process.cpuUsage();
  let seconds = 0;
  let sent = 0;
  let passes = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      seconds += (performance.now() - started) / 1000;
    }
  };
  now = await timed(() => job.issueDueAt(SCHEDULED_FOR));
  const first = await timed(() => job.runScheduled({ scheduledFor: SCHEDULED_FOR }));
  if (first.action !== 'delivered') throw new Error(`the scheduled run did not deliver: ${first.action}`);
  sent += first.delivery.sent;
  passes++;
  // Each zone's local 09:00, in order: what the service's tick meets as the day goes round.
  const times = [
    ...new Set(
      (
        await database.prisma.delivery.findMany({
          where: { issueId: first.issue.id },
          distinct: ['sendAfter'],
          select: { sendAfter: true },
        })
      ).map((r) => r.sendAfter!.getTime()),
    ),
  ].sort((a, b) => a - b);
  for (const at of times.filter((t) => t > now.getTime())) {
    now = new Date(at);
    for (const report of await timed(() => job.resumeOpen()))
      if (report.action === 'delivered') sent += report.delivery.sent;
    passes++;
  }
  const cpu = process.cpuUsage(cpuBefore);
  await newsletter.close();
  await database.close();
  process.send!({
    sent,
    passes,
    seconds,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    database: kind,
  } satisfies ZonedReport);
}

/** Seeds `count` subscribers over `zones` zones (0: all in DIGEST_TZ) in a fresh database, then sends. */
async function runOne(count: number, zones: number): Promise<ZonedReport> {
  const sink = await startSmtpSink({ keep: false });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ct-bench-zones-'));
  const env = { ...benchEnv(dataDir, sink.url), BENCH_ZONES: String(zones) };
  try {
    await runChild('--setup', count, env, DIGEST_SEND);
    const report = await runChild<ZonedReport>('--send-local', count, env, SELF);
    if (report.sent !== count || sink.accepted !== count)
      throw new Error(`sent ${report.sent}, the sink accepted ${sink.accepted}, expected ${count}`);
    return report;
  } finally {
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- digest-zones`: 30 zones beside one, same size, same run. */
export async function runDigestZonesBench(count = 10_000): Promise<BenchResult[]> {
  const single = await runOne(count, 0);
  const zoned = await runOne(count, BENCH_ZONES.length);
  const value = Math.round(count / zoned.seconds);
  const anchorValue = Math.round(count / single.seconds);
  const cpuPerMessage = (r: ZonedReport) => Number(((r.cpuMs / count) * 1000).toFixed(0));
  const ratio = ratioOf(value, anchorValue)!;
  return [
    {
      name: `digest send, ${count.toLocaleString('en')} subscribers over ${BENCH_ZONES.length} zones, local time (${zoned.database}, loopback SMTP)`,
      value,
      unit: 'msg/s',
      anchor: `the same ${count.toLocaleString('en')} in one zone (DIGEST_TZ), same run`,
      anchorValue,
      ratio,
      target: '>= 0.8x',
      met: ratio >= 0.8,
      passes: `${zoned.passes} (one zone: ${single.passes})`,
      totalSeconds: `${zoned.seconds.toFixed(1)} (one zone: ${single.seconds.toFixed(1)})`,
      cpuMicrosecondsPerMessage: `${cpuPerMessage(zoned)} (one zone: ${cpuPerMessage(single)})`,
      cpuRatio: ratioOf(single.cpuMs, zoned.cpuMs),
      peakRssMB: `${zoned.peakRssMB} (one zone: ${single.peakRssMB})`,
    },
  ];
}

if (process.argv[2] === '--send-local') {
  await sendByLocalTime();
  process.exit(0);
} else if (process.argv[1] === SELF) {
  const count = Number(process.argv[2]) || undefined;
  for (const result of await runDigestZonesBench(count)) console.log(result);
}
