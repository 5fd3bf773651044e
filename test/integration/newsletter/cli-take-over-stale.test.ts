import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../src/adapters/db/create-database.js';
import { createPrismaDigestStore } from '../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import {
  type DatabaseKind,
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../../setup/test-database.js';

const DEAD = 'old-host:4242:dead00';
const LEASE_MS = 10 * 60_000;

/**
 * Issue 10 item 13: after a crash on PostgreSQL, a rerun of `tutor digest
 * send` must not look finished while recipients wait for the dead sender's
 * claim lease. It lists the held rows and the lease expiry, exits 3, and
 * `--take-over-stale` sends them at once.
 */
describeEachDatabase('tutor digest send after a sender died holding claims', (kind: DatabaseKind) => {
  let dir: string;
  let db: TestDatabase;
  let sink: SmtpSink;
  let env: Record<string, string>;
  let held: string[];
  let leaseExpiresAt: Date;
  const tutor = (...argv: string[]) => runTutor(argv, env);

  /** Looks at the data between commands (PGlite: one opener at a time, so open, read, close). */
  async function inDatabase<T>(read: (database: Database) => Promise<T>): Promise<T> {
    const database = await createDatabase({ url: db.url, dataDir: dir });
    try {
      return await read(database);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ct-cli-stale-'));
    db = await openTestDatabase(kind);
    sink = await startSmtpSink();
    // An issue for 5 subscribers, 2 of whose rows a sender claimed just now and then died holding (kill -9).
    await seedSubscribers(db.prisma, 5, 'active', 'held');
    const digests = createPrismaDigestStore(db.prisma);
    const now = new Date();
    const { issue } = await digests.createIssue({
      weekKey: '2026-W48',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: now,
      now,
      reviveSkipped: false,
    });
    const claimed = await digests.claim({
      issueId: issue.id,
      worker: DEAD,
      limit: 2,
      now,
      staleBefore: new Date(0),
      maxAttempts: 5,
    });
    expect(claimed.deliveries).toHaveLength(2);
    held = claimed.deliveries.map((d) => d.email);
    leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
    await db.disconnect();
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: path.join(dir, 'data'),
      CONTENT_DIR: FIXTURE_CONTENT_DIR,
      CONTENT_WATCH: 'false',
      SMTP_URL: sink.url,
      SMTP_RATE_LIMIT: '0',
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      PUBLIC_URL: 'https://tutor.example.com',
      POSTAL_ADDRESS: 'Example Ltd, 1 Main St, Springfield',
    };
  });
  afterAll(async () => {
    await sink?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  if (kind === 'pglite') {
    // An embedded PGlite folder has one process: rows left `sending` can only be a crash's, so no lease is waited for.
    it('on PGlite a rerun takes the dead sender’s rows back at once and exits 0', async () => {
      const rerun = await tutor('digest', 'send', '--week', '2026-W48');
      expect(rerun).toMatchObject({
        code: 0,
        stdout:
          'Issue 2026-W48 (token + cost-forecasting) already existed; delivering what is pending.\n5 sent, 0 to retry later, 0 failed, 2 resumed after an interrupted send; the issue is complete.\n',
      });
      expect(rerun.stderr).not.toContain('still held');
      expect(sink.messages.flatMap((m) => m.to).sort()).toEqual(
        Array.from({ length: 5 }, (_, i) => `held${i}@example.com`),
      );
    });
  } else {
    it('a rerun sends the rest, lists the held rows and when the lease expires, and exits 3', async () => {
      const rerun = await tutor('digest', 'send', '--week', '2026-W48');
      expect(rerun.code).toBe(3);
      expect(rerun.stdout).toBe(
        'Issue 2026-W48 (token + cost-forecasting) already existed; delivering what is pending.\n3 sent, 0 to retry later, 0 failed.\n',
      );
      const until = `${leaseExpiresAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
      expect(rerun.stderr).toContain(
        `2 deliveries of 2026-W48 are still held by another sender (${DEAD}); its lease expires at ${until}.`,
      );
      expect(rerun.stderr).toContain(
        'If that sender is dead (it crashed or was killed), take them over now: tutor digest send --week 2026-W48 --take-over-stale\n',
      );
      expect(sink.messages.flatMap((m) => m.to).filter((to) => held.includes(to))).toEqual([]);
      // Running it again before the lease expires still says so: replaying the command changes nothing.
      const again = await tutor('digest', 'send', '--week', '2026-W48');
      expect(again.code).toBe(3);
      expect(again.stdout).toContain('0 sent');
      expect(sink.messages).toHaveLength(3);
    });

    it('--take-over-stale sends the held rows now, and every subscriber has exactly one copy', async () => {
      const takeOver = await tutor('digest', 'send', '--week', '2026-W48', '--take-over-stale');
      expect(takeOver).toMatchObject({
        code: 0,
        stdout:
          'Issue 2026-W48 (token + cost-forecasting) already existed; delivering what is pending.\n2 sent, 0 to retry later, 0 failed, 2 resumed after an interrupted send; the issue is complete.\n',
      });
      expect(takeOver.stderr).not.toContain('still held');
      expect(sink.messages.flatMap((m) => m.to).sort()).toEqual(
        Array.from({ length: 5 }, (_, i) => `held${i}@example.com`),
      );
      expect(
        await inDatabase((d) => d.prisma.digestIssue.findUniqueOrThrow({ where: { weekKey: '2026-W48' } })),
      ).toMatchObject({ status: 'sent' });
      // Replayed after the issue is complete: nothing goes out twice.
      const replay = await tutor('digest', 'send', '--week', '2026-W48', '--take-over-stale');
      expect(replay.code).toBe(0);
      expect(sink.messages).toHaveLength(5);
    });
  }

  it('rejects a misspelt flag and a value given to it', async () => {
    expect((await tutor('digest', 'send', '--take-over-stael')).stderr).toMatch(
      /^error: unknown option '--take-over-stael'\n\(Did you mean --take-over-stale\?\)/,
    );
    expect((await tutor('digest', 'send', '--take-over-stale=yes')).code).toBe(2);
    expect(sink.messages).toHaveLength(5);
  });
});

it('digest send --help explains --take-over-stale with an example, the warning and exit code 3', async () => {
  const help = await runTutor(['digest', 'send', '--help'], {});
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--take-over-stale');
  expect(help.stdout).toMatch(/a live\s+one\s+loses\s+its\s+claims/);
  expect(help.stdout).toContain('tutor digest send --week 2026-W48 --take-over-stale');
  expect(help.stdout).toMatch(/3 +rows still held by another sender/);
});
