import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.js';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { manualClock, openTestNewsletter } from './support/harness.js';

const TUESDAY = '2026-11-24T09:00:00.000Z';

/** The code of the UserFacingError a promise rejects with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UserFacingError))
    throw new Error(`expected a UserFacingError, got ${String(error)}`);
  return error.code;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('the newsletter services on PGlite', () => {
  const db = useTestDatabase('pglite');
  let sink: SmtpSink;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock(TUESDAY);
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    await db().prisma.digestPin.deleteMany();
    await db().prisma.delivery.deleteMany();
    await db().prisma.digestIssue.deleteMany();
    await db().prisma.subscriber.deleteMany();
    clock.set(TUESDAY);
    env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
  });
  afterEach(() => env.close());

  describe('digest', () => {
    it('pins a coming week and previews the issue with the pin', async () => {
      const { digest } = env.newsletter.services;
      const { pin, preview } = await digest.pin({
        weekKey: '2026w49',
        conceptSlug: 'token',
        useCaseSlug: null,
      });
      expect(pin).toEqual({ weekKey: '2026-W49', conceptSlug: 'token', useCaseSlug: null });
      expect(preview.content.concept.slug).toBe('token');
      expect(await digest.pinOf('2026-W49')).toEqual(pin);
      expect(await digest.unpin('2026-W49')).toBe(true);
      expect(await digest.pinOf('2026-W49')).toBeNull();
    });

    it('puts the previous pin back when the pinned content cannot make an issue', async () => {
      const { digest } = env.newsletter.services;
      await digest.pin({ weekKey: '2026-W49', conceptSlug: null, useCaseSlug: 'cost-forecasting' });
      // "temperature" has no linked use case, so the picker cannot build an issue from it.
      const failed = digest.pin({ weekKey: '2026-W49', conceptSlug: 'temperature', useCaseSlug: null });
      await expect(failed).rejects.toThrow(
        /^Not pinned: Cannot pick this week's digest: the concept "temperature" has no linked use case/,
      );
      expect(await codeOf(failed)).toBe('PIN_UNUSABLE');
      expect(await digest.pinOf('2026-W49')).toEqual({
        weekKey: '2026-W49',
        conceptSlug: null,
        useCaseSlug: 'cost-forecasting',
      });
      // Without an earlier pin, the failed one is cleared.
      await expect(
        digest.pin({ weekKey: '2026-W50', conceptSlug: 'temperature', useCaseSlug: null }),
      ).rejects.toThrow(UserFacingError);
      expect(await digest.pinOf('2026-W50')).toBeNull();
    });

    it('refuses unknown slugs, an empty pin, a malformed week and a week whose issue exists', async () => {
      const { digest } = env.newsletter.services;
      expect(await codeOf(digest.pin({ weekKey: '2026-W49', conceptSlug: 'nope', useCaseSlug: null }))).toBe(
        'PIN_UNKNOWN',
      );
      expect(await codeOf(digest.pin({ weekKey: '2026-W49', conceptSlug: null, useCaseSlug: 'nope' }))).toBe(
        'PIN_UNKNOWN',
      );
      expect(await codeOf(digest.pin({ weekKey: '2026-W49', conceptSlug: ' ', useCaseSlug: null }))).toBe(
        'PIN_EMPTY',
      );
      expect(await codeOf(digest.pin({ weekKey: 'soon', conceptSlug: 'token', useCaseSlug: null }))).toBe(
        'WEEK_INVALID',
      );
      await seedSubscribers(db().prisma, 1, 'active', 'pin');
      await digest.send({ weekKey: '2026-W48' });
      expect(await codeOf(digest.pin({ weekKey: '2026-W48', conceptSlug: 'token', useCaseSlug: null }))).toBe(
        'PIN_TOO_LATE',
      );
      expect(await digest.pinOf('2026-W48')).toBeNull();
    });

    it('works on this week until its issue exists, then on the next', async () => {
      const { digest } = env.newsletter.services;
      expect(await digest.nextWeek()).toBe('2026-W48');
      await seedSubscribers(db().prisma, 1, 'active', 'next');
      await digest.send();
      expect(await digest.nextWeek()).toBe('2026-W49');
      expect(digest.currentWeek()).toBe('2026-W48');
    });

    it('lists the archive newest first with live content, and finds one issue', async () => {
      const { digest } = env.newsletter.services;
      expect(await digest.archive()).toEqual([]);
      await seedSubscribers(db().prisma, 2, 'active', 'arch');
      await digest.send({ weekKey: '2026-W47' });
      await digest.send({ weekKey: '2026-W48' });
      const archive = await digest.archive();
      expect(archive.map((a) => a.weekKey)).toEqual(['2026-W48', '2026-W47']);
      expect(archive[0]).toMatchObject({
        conceptSlug: expect.any(String),
        concept: { slug: archive[0]!.conceptSlug },
      });
      expect(await digest.archiveIssue('2026-W47')).toEqual(archive[1]);
      expect(await digest.archiveIssue('2026-W46')).toBeNull();
      expect(await digest.archiveIssue('../etc')).toBeNull();
    });

    it('sends a test copy to a checked address and refuses a bad one', async () => {
      const { digest } = env.newsletter.services;
      const before = sink.accepted;
      expect(await digest.sendTest({ to: ' Admin@Example.com ' })).toMatchObject({ status: 'sent' });
      await sink.waitFor(before + 1);
      expect(sink.messages.at(-1)!.to).toEqual(['admin@example.com']);
      expect(await codeOf(digest.sendTest({ to: 'not an address' }))).toBe('EMAIL_INVALID');
    });
  });

  describe('subscribers', () => {
    it('exports fixed columns with CRLF, and neutralises a consent source that starts with =', async () => {
      const { subscribers } = env.newsletter.services;
      expect(
        (
          await subscribers.add({
            email: 'eve@example.com',
            consentSource: '=HYPERLINK("https://evil.example","click")',
          })
        ).outcome,
      ).toBe('added');
      await subscribers.add({ email: 'bob@example.com', consentSource: 'import:crm, May' });
      const csv = (await collect(subscribers.exportCsv())).join('');
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe(
        'email,status,consent_source,consent_at,created_at,confirmed_at,unsubscribed_at,bounced_at,last_error',
      );
      expect(lines.at(-1)).toBe('');
      expect(csv).not.toMatch(/[^\r]\n/);
      const eve = lines.find((l) => l.startsWith('eve@'))!;
      expect(eve).toBe(
        `eve@example.com,active,"'=HYPERLINK(""https://evil.example"",""click"")",${TUESDAY},${TUESDAY},${TUESDAY},,,`,
      );
      expect(lines.find((l) => l.startsWith('bob@'))).toContain(',"import:crm, May",');
      const rows = await collect(subscribers.exportRows());
      expect(rows.find((r) => r[0] === 'eve@example.com')![2]).toBe(
        '=HYPERLINK("https://evil.example","click")',
      );
    });

    it('streams every page of the export, optionally of one status', async () => {
      const { subscribers } = env.newsletter.services;
      await seedSubscribers(db().prisma, 5, 'active', 'page');
      await seedSubscribers(db().prisma, 2, 'bounced', 'gone');
      expect(await collect(subscribers.exportRows({ pageSize: 2 }))).toHaveLength(7);
      const bounced = await collect(subscribers.exportRows({ status: 'bounced', pageSize: 2 }));
      expect(bounced.map((r) => r[0]).sort()).toEqual(['gone0@example.com', 'gone1@example.com']);
      expect(await subscribers.counts()).toEqual({ pending: 0, active: 5, unsubscribed: 0, bounced: 2 });
      const found = await subscribers.search({ query: ' PAGE3 ' });
      expect(found).toMatchObject({ truncated: false, subscribers: [{ email: 'page3@example.com' }] });
    });

    it('imports the email column of CSV records, counting outcomes and locating invalid lines', async () => {
      const { subscribers } = env.newsletter.services;
      await seedSubscribers(db().prisma, 1, 'unsubscribed', 'left');
      async function* records() {
        yield { line: 1, fields: ['name', 'Email'] };
        yield { line: 2, fields: ['Ada', 'ada@example.com'] };
        yield { line: 3, fields: ['', ''] };
        yield { line: 4, fields: ['Left', 'left0@example.com'] };
        yield { line: 5, fields: ['Bad', 'not-an-address'] };
        yield { line: 6, fields: ['Ada again', 'ADA@example.com'] };
      }
      const progress: Array<{ rows: number; invalid: number }> = [];
      const report = await subscribers.importCsv({
        records: records(),
        consentSource: 'sheet-2026',
        name: 'people.csv',
        onProgress: (p) => progress.push(p),
      });
      // One report per data row (blank lines and the header are not rows), so the CLI can show how far it is.
      expect(progress.at(-1)).toEqual({ rows: 4, invalid: 1 });
      expect(progress.map((p) => p.rows)).toEqual([1, 2, 3, 4]);
      expect(report).toEqual({
        counts: { added: 1, activated: 0, 'already-active': 1, suppressed: 1, invalid: 1 },
        problems: [
          { line: 5, value: 'not-an-address', message: '"not-an-address" is not a valid email address' },
        ],
      });
      async function* headerless() {
        yield { line: 1, fields: ['name', 'mail'] };
      }
      await expect(
        subscribers.importCsv({ records: headerless(), consentSource: 'x', name: 'p.csv' }),
      ).rejects.toThrow(
        'p.csv:1: no "email" column in the header (name, mail). Add a header line with a column named email.',
      );
      expect(
        await codeOf(subscribers.importCsv({ records: records(), consentSource: '  ', name: 'p.csv' })),
      ).toBe('CONSENT_SOURCE_INVALID');
    });

    it('removes by unsubscribing, or erases with erase', async () => {
      const { subscribers } = env.newsletter.services;
      await seedSubscribers(db().prisma, 2, 'active', 'rm');
      expect(await subscribers.remove({ email: 'rm0@example.com', erase: false })).toEqual({
        email: 'rm0@example.com',
        found: true,
      });
      expect(await subscribers.remove({ email: 'rm1@example.com', erase: true })).toMatchObject({
        found: true,
      });
      expect(await subscribers.remove({ email: 'nobody@example.com', erase: true })).toMatchObject({
        found: false,
      });
      expect(await subscribers.counts()).toEqual({ pending: 0, active: 0, unsubscribed: 1, bounced: 0 });
    });
  });
});
