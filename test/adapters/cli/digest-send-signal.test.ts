import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { seedSubscribers } from '../db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';

const CLI = new URL('../../../src/cli.ts', import.meta.url).pathname;
const TSX = import.meta.resolve('tsx');
const SUBSCRIBERS = 20;
/** Messages in flight with SMTP_MAX_CONNECTIONS=1: twice the pool (decision 009). */
const IN_FLIGHT = 2;

/** N of the CLI's "N sent, …" line. */
function sentIn(stdout: string): number {
  const match = /^(\d+) sent, /m.exec(stdout);
  if (!match) throw new Error(`no "N sent" line in:\n${stdout}`);
  return Number(match[1]);
}

/** Lets a given number of messages through, then holds every other until opened. */
function createGate() {
  let allowance = Number.POSITIVE_INFINITY;
  const waiting: Array<() => void> = [];
  let onHold: (() => void) | null = null;
  return {
    /** Resolves once a message is being held: the sender has recorded the ones before it and is mid-send. */
    holding(): Promise<void> {
      if (waiting.length > 0) return Promise.resolve();
      return new Promise((resolve) => {
        onHold = resolve;
      });
    },
    allow(n: number) {
      allowance = n;
    },
    open() {
      allowance = Number.POSITIVE_INFINITY;
      for (const resume of waiting.splice(0)) resume();
    },
    pass(): Promise<void> {
      if (allowance > 0) {
        allowance--;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        waiting.push(resolve);
        onHold?.();
        onHold = null;
      });
    },
  };
}

/** `tutor …` as a real process, as a person runs it in a terminal. */
function startTutor(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const check of [...watchers]) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves once stderr contains `text` (the child has handled the signal). */
    stderrContains(text: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!stderr.includes(text)) return;
          watchers.splice(watchers.indexOf(check), 1);
          resolve();
        };
        watchers.push(check);
        void exited.then(() => reject(new Error(`exited before printing "${text}":\n${stderr}`)));
        check();
      });
    },
  };
}

describe('tutor digest send stopped by Ctrl-C or SIGTERM', () => {
  let dir: string;
  let db: TestDatabase;
  let sink: SmtpSink;
  let env: Record<string, string>;
  let emails: string[];
  const gate = createGate();

  /** Deliveries of a week by status, read between runs (PGlite: one process at a time). */
  async function statuses(week: string): Promise<Record<string, number>> {
    const database = await db.reopen();
    try {
      const rows = await database.prisma.delivery.groupBy({
        by: ['status'],
        where: { issue: { weekKey: week } },
        _count: true,
      });
      return Object.fromEntries(rows.map((r) => [r.status, r._count]));
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ct-cli-signal-'));
    db = await openTestDatabase('pglite');
    emails = await seedSubscribers(db.prisma, SUBSCRIBERS, 'active', 'reader');
    await db.disconnect();
    sink = await startSmtpSink({ beforeAccept: () => gate.pass() });
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: path.join(dir, 'data'),
      CONTENT_DIR: FIXTURE_CONTENT_DIR,
      SMTP_URL: sink.url,
      SMTP_RATE_LIMIT: '0',
      SMTP_MAX_CONNECTIONS: '1',
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      PUBLIC_URL: 'https://tutor.example.com',
      POSTAL_ADDRESS: 'Example Ltd, 1 Main St, Springfield',
      TOKEN_SECRET: 'signal-test-secret-0123456789abcdefghij',
    };
  });
  afterAll(async () => {
    gate.open();
    await sink?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stops between messages, leaves nothing mid-send, exits 130/143, and a rerun sends the rest once', async () => {
    // Ctrl-C once the first message is recorded and the second is on the wire (held by the server).
    gate.allow(1);
    const first = startTutor(['digest', 'send', '--week', '2026-W48'], env, dir);
    await gate.holding();
    first.child.kill('SIGINT');
    await first.stderrContains('SIGINT: stopping after the messages being sent');
    gate.open();
    expect(await first.exited).toBe(130);
    // What was handed to the mailer finishes: the recorded first message plus those in flight
    // (two per SMTP connection, decision 009), however far the sender had got when the signal came.
    const firstSent = sentIn(first.output().stdout);
    expect(firstSent).toBeGreaterThanOrEqual(2);
    expect(firstSent).toBeLessThanOrEqual(1 + IN_FLIGHT);
    expect(first.output().stdout).toBe(
      `Created issue 2026-W48 (token + cost-forecasting) for ${SUBSCRIBERS} active subscribers.\n${firstSent} sent, 0 to retry later, 0 failed; stopped early: aborted.\n`,
    );
    expect(first.output().stderr).toContain(
      `Stopped by SIGINT: ${firstSent} messages sent in this run, ${SUBSCRIBERS - firstSent} still to send for 2026-W48.\n` +
        'Run tutor digest send --week 2026-W48 again to send the rest; nothing already sent goes out twice.\n',
    );
    // Nothing is left mid-send.
    expect(await statuses('2026-W48')).toEqual({ sent: firstSent, pending: SUBSCRIBERS - firstSent });

    // SIGTERM (a service manager, docker stop) is handled the same way.
    gate.allow(1);
    const second = startTutor(['digest', 'send', '--week', '2026-W48'], env, dir);
    await gate.holding();
    second.child.kill('SIGTERM');
    await second.stderrContains('SIGTERM: stopping after the messages being sent');
    gate.open();
    expect(await second.exited).toBe(143);
    const secondSent = sentIn(second.output().stdout);
    expect(secondSent).toBeGreaterThanOrEqual(2);
    expect(secondSent).toBeLessThanOrEqual(1 + IN_FLIGHT);
    const left = SUBSCRIBERS - firstSent - secondSent;
    expect(second.output().stderr).toContain(
      `Stopped by SIGTERM: ${secondSent} messages sent in this run, ${left} still to send`,
    );
    expect(await statuses('2026-W48')).toEqual({ sent: firstSent + secondSent, pending: left });

    const rest = await runTutor(['digest', 'send', '--week', '2026-W48'], env);
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain(`${left} sent, 0 to retry later, 0 failed; the issue is complete.`);
    expect(await statuses('2026-W48')).toEqual({ sent: SUBSCRIBERS });
    // Everyone got exactly one copy across the three runs.
    expect(emails.map((email) => sink.countFor(email))).toEqual(emails.map(() => 1));
    expect(sink.accepted).toBe(SUBSCRIBERS);
  }, 300_000);

  it('a second Ctrl-C quits at once; the next run resumes the row that was mid-send', async () => {
    const before = emails.map((email) => sink.countFor(email));
    gate.allow(1);
    const run = startTutor(['digest', 'send', '--week', '2026-W49'], env, dir);
    await gate.holding();
    run.child.kill('SIGINT');
    await run.stderrContains('SIGINT: stopping after the messages being sent');
    // The second message is still held by the server: only a second Ctrl-C ends the wait.
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.output().stderr).toContain('SIGINT again: quitting now.');
    // Quitting at once leaves the claimed batch `sending`: the documented crash window, not a clean stop.
    const left = await statuses('2026-W49');
    expect(left.sent).toBe(1);
    expect(left.sending).toBeGreaterThanOrEqual(1);
    expect(left.sending! + (left.pending ?? 0)).toBe(SUBSCRIBERS - 1);

    gate.open();
    const rest = await runTutor(['digest', 'send', '--week', '2026-W49'], env);
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain(
      `${left.sending} resumed after an interrupted send; the issue is complete.`,
    );
    expect(await statuses('2026-W49')).toEqual({ sent: SUBSCRIBERS });
    // Everyone has this week's issue; only the message in flight at the forced exit may have gone out twice.
    const copies = emails.map((email, i) => sink.countFor(email) - before[i]!);
    expect(copies.every((n) => n === 1 || n === 2)).toBe(true);
    expect(copies.filter((n) => n === 2).length).toBeLessThanOrEqual(1);
  }, 300_000);
});
