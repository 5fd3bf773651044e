import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import {
  openTestDatabase,
  POSTGRES_SKIP_REASON,
  postgresTestUrl,
  type TestDatabase,
} from '../../setup/test-database.js';

const WORKER = new URL('./support/digest-worker.ts', import.meta.url).pathname;
const SUBSCRIBERS = 600;

/** A forked sender that waits for "go", then reports how much it sent. */
function startReplica(env: Record<string, string>) {
  const child = fork(WORKER, [], {
    env: { PATH: process.env.PATH, WAIT_FOR_GO: '1', ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve) =>
    child.on('message', (m: { type: string }) => m.type === 'ready' && resolve()),
  );
  const done = new Promise<{ sent: number; code: number | null }>((resolve) => {
    let sent = 0;
    child.on('message', (m: { type: string; sent?: number }) => {
      if (m.type === 'done') sent = m.sent ?? 0;
    });
    child.once('exit', (code) => resolve({ sent, code }));
  });
  return { child, ready, done };
}

// Several processes on one database need a server: an embedded PGlite folder admits one process.
describe.skipIf(!postgresTestUrl)(
  postgresTestUrl
    ? 'two replicas sending the same issue [PostgreSQL]'
    : `two replicas sending the same issue [PostgreSQL: skipped, ${POSTGRES_SKIP_REASON}]`,
  () => {
    let db: TestDatabase;
    let sink: SmtpSink;
    let dataDir: string;

    beforeAll(async () => {
      db = await openTestDatabase('postgres');
      await seedSubscribers(db.prisma, SUBSCRIBERS, 'active', 'replica');
      sink = await startSmtpSink({ delayMs: 5 });
      dataDir = await mkdtemp(path.join(tmpdir(), 'ct-replicas-'));
    });
    afterAll(async () => {
      await sink?.close();
      await db?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('share the work, create one issue and send every subscriber exactly one email', async () => {
      const env = {
        DATABASE_URL: db.url,
        SMTP_URL: sink.url,
        SMTP_RATE_LIMIT: '0',
        SMTP_MAX_CONNECTIONS: '3',
        MAIL_FROM: 'Concept Tutor <digest@example.com>',
        PUBLIC_URL: 'https://tutor.example.com',
        TOKEN_SECRET: 'replica-test-secret-0123456789abcdefghij',
        WEEK: '2026-W48',
        BATCH_SIZE: '10',
      };
      const replicas = [
        startReplica({ ...env, DATA_DIR: path.join(dataDir, 'a') }),
        startReplica({ ...env, DATA_DIR: path.join(dataDir, 'b') }),
      ];
      await Promise.all(replicas.map((r) => r.ready));
      for (const r of replicas) r.child.send({ type: 'go' });
      const results = await Promise.all(replicas.map((r) => r.done));

      expect(results.map((r) => r.code)).toEqual([0, 0]);
      expect(results[0]!.sent + results[1]!.sent).toBe(SUBSCRIBERS);
      expect(results.every((r) => r.sent > 0)).toBe(true);
      expect(sink.accepted).toBe(SUBSCRIBERS);
      const emails = await db.prisma.subscriber.findMany({ select: { email: true } });
      expect(emails.filter((s) => sink.countFor(s.email) !== 1)).toEqual([]);
      expect(await db.prisma.digestIssue.count()).toBe(1);
      // claimedBy is host:pid:run; both processes appear in the record.
      const claims = await db.prisma.delivery.findMany({ select: { claimedBy: true } });
      expect(new Set(claims.map((c) => c.claimedBy!.split(':').slice(0, 2).join(':'))).size).toBe(2);
    }, 180_000); // Two forked processes each load the code and open the database; slow on a loaded machine.
  },
);
