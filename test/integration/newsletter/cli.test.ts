import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../src/adapters/db/create-database.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { SUBSCRIBER_EXPORT_COLUMNS } from '../../../src/core/newsletter/subscriber-export.js';
import { openNewsletter } from '../../../src/wiring/newsletter.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { fixtureLibrary } from '../../core/newsletter/support/library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';

let dir: string;
let db: TestDatabase;
let sink: SmtpSink;
let env: Record<string, string>;
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
  dir = await mkdtemp(path.join(tmpdir(), 'ct-cli-'));
  db = await openTestDatabase('pglite');
  await db.disconnect();
  sink = await startSmtpSink();
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

describe('tutor subscribers', () => {
  it('add: with --consent adds an active subscriber; without, sends a confirmation', async () => {
    expect(
      await tutor('subscribers', 'add', 'Grace@Example.com', '--consent', 'import:conference-2026'),
    ).toEqual({
      code: 0,
      stdout: 'Added grace@example.com as active (consent: import:conference-2026).\n',
      stderr: '',
    });
    expect((await tutor('subscribers', 'add', 'grace@example.com', '--consent', 'again')).stdout).toBe(
      'grace@example.com is already subscribed; nothing changed.\n',
    );
    const optIn = await tutor('subscribers', 'add', 'linus@example.com');
    expect(optIn.stdout).toMatch(
      /^Thanks! If linus@example\.com can receive Concept Tutor, a confirmation link is on its way/,
    );
    expect(sink.messages.at(-1)!.to).toEqual(['linus@example.com']);
    expect((await sink.messages.at(-1)!.parse()).subject).toBe('Confirm your subscription to Concept Tutor');
  });

  it('import: streams a CSV, records the consent source, never re-adds an unsubscribe, reports bad lines', async () => {
    await tutor('subscribers', 'add', 'left@example.com', '--consent', 'x');
    await tutor('subscribers', 'remove', 'left@example.com');
    const csv = path.join(dir, 'people.csv');
    await writeFile(
      csv,
      '\uFEFFname,email\r\n"Lovelace, Ada",ada@example.com\r\nAlan,ALAN@example.com\r\nNobody,not-an-address\r\n"Multi\nline",left@example.com\r\n\r\nGrace,grace@example.com\r\n',
    );
    const result = await tutor('subscribers', 'import', csv, '--consent', 'signup-sheet-2026-05');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'Imported from people.csv with consent "signup-sheet-2026-05": 2 added, 0 activated (had not confirmed), 1 already subscribed, 1 skipped because they unsubscribed or bounced, 1 invalid.\n',
    );
    expect(result.stderr).toBe('Invalid lines:\n  line 4: "not-an-address" is not a valid email address\n');
    const ada = await inDatabase((d) =>
      d.prisma.subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } }),
    );
    expect(ada).toMatchObject({ status: 'active', consentSource: 'signup-sheet-2026-05' });
    expect(
      await inDatabase((d) =>
        d.prisma.subscriber.findUniqueOrThrow({ where: { email: 'left@example.com' } }),
      ),
    ).toMatchObject({ status: 'unsubscribed' });
  });

  it('import: refuses to run without a consent source or an email column', async () => {
    const csv = path.join(dir, 'no-email.csv');
    await writeFile(csv, 'name,address\nAda,ada@example.com\n');
    const missing = await tutor('subscribers', 'import', csv);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^--consent SOURCE is required: say where these people agreed to get the digest/,
    );
    const noColumn = await tutor('subscribers', 'import', csv, '--consent', 'x');
    expect(noColumn).toMatchObject({
      code: 1,
      stderr: `${csv}:1: no "email" column in the header (name, address). Add a header line with a column named email.\n`,
    });
    expect((await tutor('subscribers', 'import', csv, '--consnet', 'x')).stderr).toMatch(
      /^error: unknown option '--consnet'\n\(Did you mean --consent\?\)\nRun "tutor subscribers import --help"/,
    );
  });

  it('export: CSV with consent records, optionally one status, to stdout or a file', async () => {
    const all = await tutor('subscribers', 'export');
    expect(all.stdout.endsWith('\r\n')).toBe(true);
    const lines = all.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(SUBSCRIBER_EXPORT_COLUMNS.join(','));
    expect(lines.find((l) => l.startsWith('ada@example.com,'))).toMatch(
      /^ada@example\.com,active,signup-sheet-2026-05,\d{4}-\d{2}-\d{2}T/,
    );
    expect(lines.find((l) => l.startsWith('linus@example.com,'))).toMatch(/^linus@example\.com,pending,,,/);
    const out = path.join(dir, 'active.csv');
    const active = await tutor('subscribers', 'export', '--status', 'active', '--out', out);
    expect(active.stderr).toBe(`Wrote 3 subscribers to ${out}.\n`);
    const file = (await readFile(out, 'utf8')).trim().split('\r\n');
    expect(
      file
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['ada@example.com', 'alan@example.com', 'grace@example.com']);
    expect((await tutor('subscribers', 'export', '--status', 'gone')).stderr).toMatch(
      /^--status must be one of active, pending, unsubscribed, bounced\./,
    );
  });

  it('export: a consent source starting with = is neutralised exactly as the admin console export does', async () => {
    expect(
      (await tutor('subscribers', 'add', '--consent', '=HYPERLINK("x")', '--', '-cmd@example.com')).code,
    ).toBe(0);
    const cli = await tutor('subscribers', 'export');
    expect(cli.code).toBe(0);
    expect(cli.stdout.split('\r\n').find((l) => l.includes('cmd@example.com'))).toMatch(
      /^'-cmd@example\.com,active,"'=HYPERLINK\(""x""\)",/,
    );
    // The admin console streams this same service call's chunks (test/adapters/web/newsletter-admin.test.ts).
    const web = await inDatabase(async (database) => {
      const library = await fixtureLibrary();
      const newsletter = openNewsletter({
        config: loadConfig(env),
        logger: createRecordingLogger(),
        clock: { now: () => new Date() },
        database,
        library: () => library,
      });
      try {
        let csv = '';
        for await (const chunk of newsletter.services.subscribers.exportCsv()) csv += chunk;
        return csv;
      } finally {
        await newsletter.close();
      }
    });
    expect(cli.stdout).toBe(web);
    expect((await tutor('subscribers', 'remove', '--erase', '--', '-cmd@example.com')).code).toBe(0);
  });

  it('remove: unsubscribes by default and erases with --erase', async () => {
    expect((await tutor('subscribers', 'remove', 'alan@example.com')).stdout).toBe(
      'Unsubscribed alan@example.com. Its record stays, so imports will not re-add it; use --erase to delete it.\n',
    );
    expect((await tutor('subscribers', 'remove', 'alan@example.com', '--erase')).stdout).toBe(
      'Erased alan@example.com, its consent record and its delivery history.\n',
    );
    expect((await tutor('subscribers', 'remove', 'alan@example.com')).stdout).toBe(
      'alan@example.com is not on the list; nothing to do.\n',
    );
  });
});

describe('tutor digest', () => {
  it('preview writes the HTML and text of the issue that would go out, recording nothing', async () => {
    const out = path.join(dir, 'preview');
    const result = await tutor('digest', 'preview', '--week', '2026-W48', '--out', out);
    expect(result.stdout).toBe(
      `Week 2026-W48 (not created yet: this is what would be picked now): Token + Forecasting the monthly AI bill\n` +
        `Subject:   Token: this week's AI concept\nPreheader: The small chunk of text a language model reads and writes, and the unit it is billed in. Plus how a team used it: Forecasting the monthly AI bill.\n` +
        `HTML:      ${out}/digest-2026-W48.html\nText:      ${out}/digest-2026-W48.txt\n`,
    );
    expect(await readFile(path.join(out, 'digest-2026-W48.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // A preview's links redirect through /r/ as the real issue's do, but are never counted.
    expect(await readFile(path.join(out, 'digest-2026-W48.txt'), 'utf8')).toMatch(
      /Read the full article: https:\/\/tutor\.example\.com\/r\/[A-Za-z0-9_-]+\n/,
    );
    expect(await inDatabase((d) => d.prisma.digestIssue.count())).toBe(0);
  });

  it('send --to sends one marked test copy and records nothing', async () => {
    const result = await tutor('digest', 'send', '--to', 'editor@example.com');
    expect(result.stdout).toMatch(
      /^Sent a test copy to editor@example\.com via SMTP 127\.0\.0\.1:\d+ \(250 .*\)\. Nothing was recorded\.\n$/,
    );
    expect((await sink.messages.at(-1)!.parse()).subject).toBe("[Test] Token: this week's AI concept");
    expect(await inDatabase((d) => d.prisma.digestIssue.count())).toBe(0);
  });

  it('send runs the job once; running it again sends nothing; status shows the counts', async () => {
    const before = sink.accepted;
    const first = await tutor('digest', 'send', '--week', '2026-W48');
    expect(first).toMatchObject({
      code: 0,
      stdout:
        'Created issue 2026-W48 (token + cost-forecasting) for 2 active subscribers.\n2 sent, 0 to retry later, 0 failed; the issue is complete.\n',
    });
    expect(sink.accepted - before).toBe(2);
    const again = await tutor('digest', 'send', '--week', '2026-W48');
    expect(again.stdout).toBe(
      'Issue 2026-W48 (token + cost-forecasting) already existed; delivering what is pending.\n0 sent, 0 to retry later, 0 failed.\n',
    );
    expect(sink.accepted - before).toBe(2);
    const status = await tutor('digest', 'status', '--week', '2026-W48');
    expect(status.stdout).toContain('Issue 2026-W48: token + cost-forecasting, sent\n');
    expect(status.stdout).toContain('  sent           2\n  pending        0\n');
    expect(status.stdout).toContain(
      'Subscribers: 2 active, 1 awaiting confirmation, 1 unsubscribed, 0 bounced.',
    );
  });

  it('retry-failed resends failed deliveries and status lists them until then', async () => {
    await inDatabase((d) =>
      d.prisma.delivery.updateMany({
        where: { subscriber: { email: 'ada@example.com' } },
        data: { status: 'failed', lastError: 'gave up after 5 attempts: 451 try later' },
      }),
    );
    const status = await tutor('digest', 'status');
    expect(status.stdout).toContain(
      'Not delivered (1):\n  ada@example.com  failed, 1 attempt: gave up after 5 attempts: 451 try later\nResend the failed ones with: tutor digest retry-failed',
    );
    const before = sink.accepted;
    const retry = await tutor('digest', 'retry-failed');
    expect(retry.stdout).toBe(
      'Issue 2026-W48: 1 failed delivery queued again.\n1 sent, 0 to retry later, 0 failed; the issue is complete.\n',
    );
    expect(sink.messages.slice(before).map((m) => m.to[0])).toEqual(['ada@example.com']);
  });

  it('pin chooses a coming week, and refuses unknown slugs and weeks already created', async () => {
    expect(
      (
        await tutor(
          'digest',
          'pin',
          '--week',
          '2026-W49',
          '--concept',
          'temperature',
          '--use-case',
          'cost-forecasting',
        )
      ).stdout,
    ).toBe('Pinned concept temperature and use case cost-forecasting for 2026-W49.\n');
    expect(
      (await tutor('digest', 'preview', '--week', '2026-W49', '--out', path.join(dir, 'p2'))).stdout,
    ).toMatch(
      /^Week 2026-W49 \(not created yet: this is what would be picked now\): Temperature \+ Forecasting the monthly AI bill/,
    );
    // Temperature has no linked use case in the fixtures: the same service call as the admin console refuses it
    // and puts the previous pin back, so the week still goes out with temperature + cost-forecasting.
    const unusable = await tutor('digest', 'pin', '--week', '2026-W49', '--concept', 'temperature');
    expect(unusable.code).toBe(1);
    expect(unusable.stderr).toMatch(/^Not pinned: .*has no linked use case/);
    expect(
      await inDatabase((d) => d.prisma.digestPin.findUnique({ where: { weekKey: '2026-W49' } })),
    ).toMatchObject({ conceptSlug: 'temperature', useCaseSlug: 'cost-forecasting' });
    expect(await tutor('digest', 'pin', '--week', '2026-W50', '--concept', 'temperature')).toMatchObject({
      code: 1,
    });
    expect(
      await inDatabase((d) => d.prisma.digestPin.findUnique({ where: { weekKey: '2026-W50' } })),
    ).toBeNull();
    expect(await tutor('digest', 'pin', '--week', '2026-W49', '--concept', 'nope')).toMatchObject({
      code: 1,
      stderr: 'There is no concept "nope". Slugs are the file names in content/concepts without .md.\n',
    });
    expect((await tutor('digest', 'pin', '--week', '2026-W48', '--concept', 'temperature')).stderr).toMatch(
      /^The issue for 2026-W48 already exists/,
    );
    expect(await tutor('digest', 'status', '--week', 'next week')).toMatchObject({
      code: 1,
      stderr: '"next week" is not an ISO week. Write it like 2026-W48 (weeks run 01 to 52).\n',
    });
  });
});
