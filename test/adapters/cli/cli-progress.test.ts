import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';

let dir: string;
let db: TestDatabase;
let sink: SmtpSink;
let env: Record<string, string>;

/** A clock that moves 6 s each time it is read: past the 5 s interval, so every update prints its line. */
function steppingClock() {
  let ms = 0;
  return () => {
    ms += 6000;
    return ms;
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-cli-progress-'));
  db = await openTestDatabase('pglite');
  await db.disconnect();
  sink = await startSmtpSink();
  env = {
    DATABASE_URL: db.url,
    DATA_DIR: path.join(dir, 'data'),
    CONTENT_DIR: FIXTURE_CONTENT_DIR,
    SMTP_URL: sink.url,
    SMTP_RATE_LIMIT: '0',
    // One message at a time, so each recorded message is one update.
    SMTP_MAX_CONNECTIONS: '1',
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

describe('progress of long CLI work, without a terminal (a log, CI)', () => {
  it('subscribers import prints a periodic line with rows of the total, rate and time left', async () => {
    const csv = path.join(dir, 'people.csv');
    await writeFile(csv, 'email\nada@example.com\nalan@example.com\ngrace@example.com\n');
    const result = await runTutor(['subscribers', 'import', csv, '--consent', 'sheet'], env, {
      now: steppingClock(),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'Importing people.csv: 1 of 3 (33%), 10/min, about 12 s left\n' +
        'Importing people.csv: 2 of 3 (66%), 10/min, about 6 s left\n' +
        'Importing people.csv: 3 of 3 (100%), 10/min\n',
    );
    expect(result.stdout).toMatch(/^Imported from people\.csv with consent "sheet": 3 added/);
  });

  it('digest send prints sent of total, rate and time left; stdout keeps the summary alone', async () => {
    const result = await runTutor(['digest', 'send', '--week', '2026-W48'], env, { now: steppingClock() });
    expect(result).toEqual({
      code: 0,
      stdout:
        'Created issue 2026-W48 (token + cost-forecasting) for 3 active subscribers.\n3 sent, 0 to retry later, 0 failed; the issue is complete.\n',
      // The only other line is the warning that DKIM is off in this test setup.
      stderr:
        'warning: DKIM is off (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY unset); make sure your provider signs for your domain, or bulk mail will land in spam.\n' +
        'Sending the digest: 0 of 3 (0%)\n' +
        'Sending the digest: 1 of 3 (33%), 5.0/min, about 24 s left\n' +
        'Sending the digest: 2 of 3 (66%), 6.7/min, about 9 s left\n' +
        'Sending the digest: 3 of 3 (100%), 7.5/min\n',
    });
  });

  it('retry-failed shows the same progress for the deliveries it resends', async () => {
    await db.reopen().then(async (database) => {
      try {
        await database.prisma.delivery.updateMany({ data: { status: 'failed', lastError: '451 try later' } });
      } finally {
        await database.close();
      }
    });
    const result = await runTutor(['digest', 'retry-failed'], env, { now: steppingClock() });
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      'Resending failed deliveries: 0 of 3 (0%)',
      'Resending failed deliveries: 1 of 3 (33%), 5.0/min, about 24 s left',
      'Resending failed deliveries: 2 of 3 (66%), 6.7/min, about 9 s left',
      'Resending failed deliveries: 3 of 3 (100%), 7.5/min',
      '',
    ]);
  });
});
