import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/create-database.js';
import { IN_FLIGHT_PER_CONNECTION } from '../../../src/wiring/newsletter.js';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import {
  type DatabaseKind,
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../../setup/test-database.js';

const WORKER = new URL('./support/digest-worker.ts', import.meta.url).pathname;
const SUBSCRIBERS = 400;
const CONNECTIONS = 4;
/** Messages handed to the mailer and not yet recorded: what a kill can duplicate at most (decision 009). */
const IN_FLIGHT = CONNECTIONS * IN_FLIGHT_PER_CONNECTION;

/** Subscribers who had the first seeded issue's concept already (half of them on the welcome track). */
const TRACK_HAD_ONE = 100;

/**
 * Two earlier issues and a mix of welcome-track positions: the first 200
 * subscribers had nothing; 100 joined the track after both earlier issues
 * (a backlog of two); 50 on the track and 50 not already had the first
 * issue's concept. Their welcomes went out already, so the sink counts digests only.
 */
async function seedTrackPositions(db: TestDatabase): Promise<void> {
  const at = (iso: string) => new Date(iso);
  const [first] = await Promise.all([
    db.prisma.digestIssue.create({
      data: {
        weekKey: '2026-W46',
        conceptSlug: 'temperature',
        useCaseSlug: 'cost-forecasting',
        status: 'sent',
        scheduledFor: at('2026-11-10T09:00:00Z'),
        snapshotAt: at('2026-11-10T09:00:00Z'),
        sentAt: at('2026-11-10T09:05:00Z'),
      },
    }),
    db.prisma.digestIssue.create({
      data: {
        weekKey: '2026-W47',
        conceptSlug: 'token',
        useCaseSlug: 'cost-forecasting',
        status: 'sent',
        scheduledFor: at('2026-11-17T09:00:00Z'),
        snapshotAt: at('2026-11-17T09:00:00Z'),
        sentAt: at('2026-11-17T09:05:00Z'),
      },
    }),
  ]);
  const subscribers = await db.prisma.subscriber.findMany({
    orderBy: { email: 'asc' },
    select: { id: true },
  });
  const ids = subscribers.map((s) => s.id);
  const lateJoiners = ids.slice(200, 300);
  const hadFirst = ids.slice(300, 300 + TRACK_HAD_ONE);
  await db.prisma.welcomeEmail.createMany({
    data: [
      ...lateJoiners.map((id) => ({ id, since: '2026-11-18T12:00:00Z' })),
      ...hadFirst.slice(0, 50).map((id) => ({ id, since: '2026-11-05T12:00:00Z' })),
    ].map(({ id, since }) => ({
      subscriberId: id,
      status: 'sent' as const,
      createdAt: at(since),
      sentAt: at(since),
    })),
  });
  await db.prisma.delivery.createMany({
    data: hadFirst.map((subscriberId) => ({
      issueId: first.id,
      subscriberId,
      status: 'sent' as const,
      attempts: 1,
      sentAt: at('2026-11-10T09:01:00Z'),
      createdAt: at('2026-11-10T09:00:00Z'),
    })),
  });
}

/** Forks a digest worker; resolves its exit code and the messages it sent over IPC. */
function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  exited: Promise<number | null>;
  messages: Array<Record<string, unknown>>;
} {
  const messages: Array<Record<string, unknown>> = [];
  const child = fork(WORKER, [], {
    env: { PATH: process.env.PATH, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (m) => messages.push(m as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, messages };
}

describeEachDatabase('a sender killed mid-send (SIGKILL) and restarted', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedSubscribers(db.prisma, SUBSCRIBERS, 'active', 'crash');
    await seedTrackPositions(db);
    // The worker process opens the data itself; an embedded PGlite folder allows one process.
    await db.disconnect();
    sink = await startSmtpSink({ delayMs: 2 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'ct-crash-'));
    env = {
      DATABASE_URL: db.url,
      SMTP_URL: sink.url,
      DATA_DIR: dataDir,
      SMTP_RATE_LIMIT: '0',
      SMTP_MAX_CONNECTIONS: String(CONNECTIONS),
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      PUBLIC_URL: 'https://tutor.example.com',
      TOKEN_SECRET: 'crash-test-secret-0123456789abcdefghij',
      WEEK: '2026-W48',
      // PostgreSQL has no "one process" guarantee, so abandoned rows wait for the lease; keep it short here.
      LEASE_MS: '1500',
    };
  });
  afterAll(async () => {
    await sink?.close();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes, skips nobody, and sends at most the in-flight messages twice, with copies at a mix of track positions', async () => {
    const first = startWorker(env);
    // Kill it in the middle of the send: some delivered, most not.
    await sink.waitFor(133, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const deliveredBeforeKill = sink.accepted;
    expect(deliveredBeforeKill).toBeLessThan(SUBSCRIBERS);

    const second = startWorker(env);
    expect(await second.exited).toBe(0);
    const done = second.messages.find((m) => m.type === 'done')!;

    const db2 = await createDatabase({ url: db.url, dataDir });
    try {
      const rows = await db2.prisma.delivery.findMany({
        where: { issue: { weekKey: env.WEEK! } },
        include: { subscriber: { select: { email: true } } },
      });
      expect(rows).toHaveLength(SUBSCRIBERS);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      // Nobody skipped.
      const counts = rows.map((r) => sink.countFor(r.subscriber.email));
      expect(counts.every((n) => n >= 1)).toBe(true);
      // Duplicates only among the rows that were in flight at the kill, and no more than could be in flight.
      const duplicated = rows.filter((r) => sink.countFor(r.subscriber.email) > 1);
      expect(counts.every((n) => n <= 2)).toBe(true);
      expect(duplicated.length).toBeLessThanOrEqual(IN_FLIGHT);
      for (const row of duplicated) expect(row.lastError).toMatch(/^resumed an interrupted send of /);
      // The restarted worker resent exactly the rows the dead one had claimed and not recorded.
      expect(done.resumed).toBe(
        rows.filter((r) => r.lastError?.startsWith('resumed an interrupted send')).length,
      );
      expect(sink.accepted).toBe(SUBSCRIBERS + duplicated.length);
      // A duplicate carries the same Message-ID as the first copy, so mail clients can fold it.
      for (const row of duplicated) {
        const ids = await Promise.all(
          sink.messages
            .filter((m) => m.to.includes(row.subscriber.email))
            .map(async (m) => (await m.parse()).messageId),
        );
        expect(new Set(ids).size).toBe(1);
      }
      // A mix of track positions: each copy teaches a concept its subscriber never had, chosen at the snapshot
      // and kept through the kill, and the message that went out says so.
      const earlier = await db2.prisma.delivery.findMany({
        where: { issue: { weekKey: { not: env.WEEK! } }, status: 'sent' },
        select: { subscriberId: true, issue: { select: { conceptSlug: true } } },
      });
      const issue = await db2.prisma.digestIssue.findUniqueOrThrow({ where: { weekKey: env.WEEK! } });
      const had = new Map(earlier.map((e) => [e.subscriberId, e.issue.conceptSlug]));
      for (const row of rows)
        expect(row.conceptSlug ?? issue.conceptSlug).not.toBe(had.get(row.subscriberId));
      expect(rows.filter((r) => r.conceptSlug !== null).length).toBeGreaterThanOrEqual(TRACK_HAD_ONE);
      expect(rows.filter((r) => r.conceptSlug === null).length).toBeGreaterThan(0);
      const titles = new Map([
        ['token', 'Token'],
        ['temperature', 'Temperature'],
      ]);
      for (const row of rows.filter((r) => r.conceptSlug !== null).slice(0, 5)) {
        const copy = sink.messages.find((m) => m.to.includes(row.subscriber.email))!;
        expect((await copy.parse()).subject).toBe(`${titles.get(row.conceptSlug!)}: this week's AI concept`);
      }
    } finally {
      await db2.close();
    }
  }, 180_000); // Two child processes each start PGlite; on a loaded machine that alone can take a minute.
});
