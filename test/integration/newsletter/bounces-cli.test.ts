import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../src/adapters/db/create-database.js';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';

let dir: string;
let db: TestDatabase;
let env: Record<string, string>;
const tutor = (...argv: string[]) => runTutor(argv, env);

async function inDatabase<T>(read: (database: Database) => Promise<T>): Promise<T> {
  const database = await createDatabase({ url: db.url, dataDir: dir });
  try {
    return await read(database);
  } finally {
    await database.close();
  }
}

const suppressed = () =>
  inDatabase(async (d) =>
    (await d.prisma.emailSuppression.findMany({ orderBy: { email: 'asc' } })).map((s) => s.email),
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-bounces-'));
  db = await openTestDatabase('pglite');
  await db.disconnect();
  env = {
    DATABASE_URL: db.url,
    DATA_DIR: path.join(dir, 'data'),
    CONTENT_DIR: FIXTURE_CONTENT_DIR,
    CONTENT_WATCH: 'false',
    PUBLIC_URL: 'https://tutor.example.com',
  };
}, 120_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

// Each command opens the embedded database (seconds on a loaded box): generous timeouts, no durations asserted.
describe('tutor bounces import', { timeout: 300_000 }, () => {
  it('checks a generic file with --dry-run without recording, then imports it once', async () => {
    expect((await tutor('subscribers', 'add', 'ada@example.com', '--consent', 'test')).code).toBe(0);
    const csv = path.join(dir, 'generic.csv');
    await writeFile(
      csv,
      'email,type,reason,date\r\nAda@Example.com,hard,550 user unknown,2026-11-20T09:00:00Z\r\n' +
        'grace@example.com,complaint,,2026-11-21\r\nalan@example.com,soft,mailbox full,2026-11-22T10:00:00Z\r\n\r\n',
    );
    const dry = await tutor('bounces', 'import', csv, '--provider', 'generic', '--dry-run');
    expect(dry).toMatchObject({
      code: 0,
      stdout:
        'Dry run of generic.csv (generic): 1 hard bounces, 1 soft bounces, 1 complaints. Nothing was recorded.\n',
    });
    expect(await suppressed()).toEqual([]);

    const real = await tutor('bounces', 'import', csv, '--provider', 'generic');
    expect(real).toMatchObject({
      code: 0,
      stdout:
        'Imported generic.csv (generic): 1 hard bounces, 1 soft bounces, 1 complaints. 2 addresses suppressed, 0 already suppressed, 1 soft bounces counted, 0 already imported.\n',
    });
    expect(await suppressed()).toEqual(['ada@example.com', 'grace@example.com']);
    const ada = await inDatabase((d) =>
      d.prisma.subscriber.findUnique({ where: { email: 'ada@example.com' } }),
    );
    expect(ada?.status).toBe('bounced');

    const again = await tutor('bounces', 'import', csv, '--provider', 'generic');
    expect(again.stdout).toContain(
      '0 addresses suppressed, 0 already suppressed, 0 soft bounces counted, 3 already imported.',
    );
    expect(await inDatabase((d) => d.prisma.bounceEvent.count())).toBe(3);
  });

  it('reads a provider export (Mailgun: every row a hard bounce)', async () => {
    const csv = path.join(dir, 'mailgun.csv');
    await writeFile(
      csv,
      'address,code,error,created_at\nmg@example.com,550,"No such user, sorry",Fri, 20 Nov 2026 09:00:00 GMT\n',
    );
    // The date has a comma, so a real export quotes it; this one does not: the row is refused with its line and column.
    const bad = await tutor('bounces', 'import', csv, '--provider', 'mailgun');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^mailgun\.csv:2, column 4 \(created_at\): "Fri" is not a date/);
    await writeFile(
      csv,
      'address,code,error,created_at\nmg@example.com,550,"No such user, sorry","Fri, 20 Nov 2026 09:00:00 GMT"\n',
    );
    expect((await tutor('bounces', 'import', csv, '--provider', 'mailgun')).code).toBe(0);
    expect(await suppressed()).toContain('mg@example.com');
  });

  it('stops at a bad row, naming line and column, before recording anything', async () => {
    const csv = path.join(dir, 'bad.csv');
    await writeFile(
      csv,
      'email,type,reason,date\nok@example.com,hard,x,2026-11-20\nnot-an-address,hard,x,2026-11-20\n',
    );
    const result = await tutor('bounces', 'import', csv, '--provider', 'generic');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'bad.csv:3, column 1 (email): "not-an-address" is not a valid email address. Fix or remove the row; nothing was imported.\n',
    );
    await writeFile(csv, 'email,type,reason,date\nok@example.com,bounced?,x,2026-11-20\n');
    expect((await tutor('bounces', 'import', csv, '--provider', 'generic')).stderr).toMatch(
      /^bad\.csv:2, column 2 \(type\): "bounced\?" is not a known type; use one of hard, /,
    );
    await writeFile(csv, 'mail,kind\nok@example.com,hard\n');
    expect((await tutor('bounces', 'import', csv, '--provider', 'generic')).stderr).toMatch(
      /^bad\.csv:1: the header \(mail, kind\) has no email, date, type column/,
    );
    expect(await suppressed()).not.toContain('ok@example.com');
  });

  it('refuses a missing or unknown --provider and a missing file', async () => {
    const missing = await tutor('bounces', 'import', 'x.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^--provider must be one of generic, ses, postmark, mailgun, sendgrid, resend\./,
    );
    expect((await tutor('bounces', 'import', 'x.csv', '--provider', 'sparkpost')).stderr).toContain(
      '(got "sparkpost")',
    );
    const file = await tutor('bounces', 'import', path.join(dir, 'nope.csv'), '--provider', 'generic');
    expect(file).toMatchObject({
      code: 1,
      stderr: `Cannot read ${path.join(dir, 'nope.csv')}: no such file.\n`,
    });
  });
});
