import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { type RunningService, startService } from '../../../src/start-service.js';
import { rawHeader } from '../../adapters/email/support/raw-header.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { Browser, formOn, freePort, mainText } from './support/browser.js';

let root: string;
let db: TestDatabase;
let sink: SmtpSink;
let service: RunningService;
let base: string;
const prisma = () => service.container.database!.prisma;

/** The link in the last email to `to` whose URL contains `path`. */
async function linkIn(to: string, pathname: string): Promise<string> {
  const message = [...sink.messages].reverse().find((m) => m.to.includes(to));
  if (!message) throw new Error(`no email to ${to}`);
  const text = (await message.parse()).text ?? '';
  const url = text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(pathname));
  if (!url) throw new Error(`no ${pathname} link in the email to ${to}:\n${text}`);
  return url;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ct-subscribe-'));
  await cp(FIXTURE_CONTENT_DIR, path.join(root, 'content'), { recursive: true });
  db = await openTestDatabase('pglite');
  await db.disconnect();
  sink = await startSmtpSink();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: path.join(root, 'data'),
    CONTENT_DIR: path.join(root, 'content'),
    CONTENT_WATCH: 'false',
    DATABASE_URL: db.url,
    SMTP_URL: sink.url,
    SMTP_RATE_LIMIT: '0',
    MAIL_FROM: 'Concept Tutor <digest@example.com>',
    POSTAL_ADDRESS: 'Example Ltd, 1 Main St, Springfield',
  });
  // No scheduler here: this file drives the digest by hand.
  service = await startService({ config, logger: createRecordingLogger(), modules: [] });
});

afterAll(async () => {
  await service?.stop();
  await sink?.close();
  await db?.close();
  await rm(root, { recursive: true, force: true });
});

describe('subscribing on the web, end to end over HTTP and SMTP', () => {
  it('double opt-in: the form sends a confirmation link, and only the button on its page confirms', async () => {
    const browser = new Browser();
    const form = await browser.get(`${base}/newsletter`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="email">Email address</label>');
    const reply = await browser.post(`${base}/newsletter/subscribe`, { email: '  Ada@Example.COM ' });
    expect(reply.status).toBe(200);
    expect(mainText(reply.text)).toContain(
      'If ada@example.com can receive Concept Tutor, a confirmation link is on its way to it.',
    );
    await sink.waitFor(1);
    const confirmEmail = await sink.messages.at(-1)!.parse();
    expect(confirmEmail.subject).toBe('Confirm your subscription to Concept Tutor');
    expect(confirmEmail.html).toContain('Yes, subscribe me');
    expect(rawHeader(sink.messages.at(-1)!.raw, 'List-Unsubscribe')).toBeUndefined();
    expect(
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } })).status,
    ).toBe('pending');

    const link = await linkIn('ada@example.com', '/newsletter/confirm');
    expect(link.startsWith(`${base}/newsletter/confirm?token=`)).toBe(true);
    // A link scanner's GET changes nothing.
    const page = await new Browser().get(link);
    expect(page.status).toBe(200);
    expect(
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } })).status,
    ).toBe('pending');
    const button = formOn(page.text, '/newsletter/confirm');
    const done = await new Browser().post(`${base}${button.action}`, button.fields);
    expect(mainText(done.text)).toContain('ada@example.com will get Concept Tutor every week.');
    const ada = await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(ada).toMatchObject({ status: 'active', consentSource: 'web' });
    expect(ada.consentAt).toBeInstanceOf(Date);
    // A second click still lands on a friendly page.
    expect(mainText((await new Browser().post(`${base}${button.action}`, button.fields)).text)).toContain(
      '(this link had already been used)',
    );
    // The welcome follows the confirmation, once, however often the button is pressed (decision 013).
    await sink.waitFor(2);
    const welcome = await sink.messages.at(-1)!.parse();
    expect(welcome.subject).toBe('Welcome to Concept Tutor');
    expect(sink.messages.filter((m) => m.to.includes('ada@example.com'))).toHaveLength(2);
  });

  it('gives the same reply whether or not the address is known, and sends an active subscriber nothing', async () => {
    const browser = new Browser();
    await browser.get(`${base}/newsletter`);
    const before = sink.accepted;
    const known = await browser.post(`${base}/newsletter/subscribe`, { email: 'ada@example.com' });
    const unknown = await browser.post(`${base}/newsletter/subscribe`, { email: 'nobody@example.com' });
    expect(mainText(known.text).replace('ada@example.com', 'X')).toBe(
      mainText(unknown.text).replace('nobody@example.com', 'X'),
    );
    await sink.waitFor(before + 1);
    expect(sink.messages.slice(before).map((m) => m.to[0])).toEqual(['nobody@example.com']);
  });

  it('shows a clear error for a bad address and refuses a form posted from another site', async () => {
    const browser = new Browser();
    await browser.get(`${base}/newsletter`);
    const bad = await browser.post(`${base}/newsletter/subscribe`, { email: 'ada@' });
    expect(bad.status).toBe(400);
    expect(mainText(bad.text)).toContain(
      '"ada@" is not a valid email address. Use an address like name@example.com.',
    );
    expect(bad.text).toContain('aria-invalid="true"');
    const forged = await fetch(`${base}/newsletter/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'victim@example.com' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(403);
    expect(await prisma().subscriber.findUnique({ where: { email: 'victim@example.com' } })).toBeNull();
  });

  it('sends the digest with working one-click unsubscribe: GET only asks, POST (RFC 8058) unsubscribes, idempotently', async () => {
    const before = sink.accepted;
    const run = await service.container.newsletter!.digestJob.runNow({ weekKey: '2026-W48' });
    expect(run.delivery.sent).toBe(1);
    await sink.waitFor(before + 1);
    const message = sink.messages.at(-1)!;
    expect(message.to).toEqual(['ada@example.com']);
    const header = rawHeader(message.raw, 'List-Unsubscribe')!;
    expect(header).toMatch(new RegExp(`^<${base}/newsletter/unsubscribe\\?token=[A-Za-z0-9_-]{50}>$`));
    expect(rawHeader(message.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(message.raw, 'List-Id')).toBe('Concept Tutor <digest.example.com>');
    const parsed = await message.parse();
    const unsubscribeUrl = header.slice(1, -1);
    expect(parsed.text).toContain(`Unsubscribe: ${unsubscribeUrl}`);
    expect(parsed.html).toContain(`href="${unsubscribeUrl}"`);
    // The article link is a counted /r/ link that redirects to the article.
    const article = new RegExp(`Read the full article: (${base}/r/[A-Za-z0-9_-]+)`).exec(
      parsed.text ?? '',
    )?.[1];
    expect(article).toBeDefined();
    const redirect = await fetch(article!, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`${base}/concepts/token`);
    expect(parsed.text).toContain('Example Ltd, 1 Main St, Springfield');

    const page = await new Browser().get(unsubscribeUrl);
    expect(mainText(page.text)).toContain(
      'Unsubscribe from Concept Tutor? ada@example.com will get no further issues.',
    );
    expect(
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } })).status,
    ).toBe('active');

    // What Gmail sends: a bare POST to the header URL, no cookies, no CSRF token.
    const oneClick = () =>
      fetch(unsubscribeUrl, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } })).status,
    ).toBe('unsubscribed');
    const second = await oneClick();
    expect(second.status).toBe(200);
    expect(mainText(await second.text())).toContain('You are unsubscribed');
    expect((await fetch(`${base}/newsletter/unsubscribe?token=forged`, { method: 'POST' })).status).toBe(404);
  });

  it('lets an unsubscribed person come back through a new confirmation', async () => {
    const browser = new Browser();
    await browser.get(`${base}/newsletter`);
    const before = sink.accepted;
    await browser.post(`${base}/newsletter/subscribe`, { email: 'ada@example.com' });
    await sink.waitFor(before + 1);
    expect(
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } })).status,
    ).toBe('unsubscribed');
    const page = await new Browser().get(await linkIn('ada@example.com', '/newsletter/confirm'));
    const button = formOn(page.text, '/newsletter/confirm');
    await new Browser().post(`${base}${button.action}`, button.fields);
    expect(
      await prisma().subscriber.findUniqueOrThrow({ where: { email: 'ada@example.com' } }),
    ).toMatchObject({ status: 'active', unsubscribedAt: null });
  });

  it('lets a subscriber export and then delete their data through an emailed link', async () => {
    const browser = new Browser();
    await browser.get(`${base}/newsletter/manage`);
    const before = sink.accepted;
    const reply = await browser.post(`${base}/newsletter/manage`, { email: 'ada@example.com' });
    expect(mainText(reply.text)).toContain(
      'If ada@example.com is on our list, a link to download or delete its data is on its way to it.',
    );
    const unknown = await browser.post(`${base}/newsletter/manage`, { email: 'stranger@example.com' });
    expect(mainText(unknown.text)).toContain('If stranger@example.com is on our list');
    await sink.waitFor(before + 1);
    expect(sink.accepted).toBe(before + 1);

    const manage = await new Browser().get(await linkIn('ada@example.com', '/newsletter/manage'));
    expect(mainText(manage.text)).toContain('Address ada@example.com Status active Consent web');
    const exportForm = formOn(manage.text, '/newsletter/manage/export');
    const exported = await fetch(`${base}${exportForm.action}`, {
      method: 'POST',
      body: new URLSearchParams(exportForm.fields),
    });
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="newsletter-data.json"');
    const data = (await exported.json()) as {
      subscriber: { email: string; consentSource: string };
      deliveries: Array<{ weekKey: string; status: string }>;
    };
    expect(data.subscriber).toMatchObject({ email: 'ada@example.com', consentSource: 'web' });
    expect(data.deliveries).toEqual([expect.objectContaining({ weekKey: '2026-W48', status: 'sent' })]);

    const deleteForm = formOn(manage.text, '/newsletter/manage/delete');
    const deleted = await new Browser().post(`${base}${deleteForm.action}`, deleteForm.fields);
    expect(mainText(deleted.text)).toContain('We no longer store ada@example.com');
    expect(await prisma().subscriber.findUnique({ where: { email: 'ada@example.com' } })).toBeNull();
    expect(await prisma().delivery.count({ where: { subscriber: { email: 'ada@example.com' } } })).toBe(0);
  });

  it('explains an expired confirmation link', async () => {
    const browser = new Browser();
    await browser.get(`${base}/newsletter`);
    const before = sink.accepted;
    await browser.post(`${base}/newsletter/subscribe`, { email: 'slow@example.com' });
    await sink.waitFor(before + 1);
    const link = await linkIn('slow@example.com', '/newsletter/confirm');
    await prisma().subscriberToken.updateMany({
      where: { subscriber: { email: 'slow@example.com' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const button = formOn((await new Browser().get(link)).text, '/newsletter/confirm');
    const expired = await new Browser().post(`${base}${button.action}`, button.fields);
    expect(expired.status).toBe(410);
    expect(mainText(expired.text)).toContain('This confirmation link has expired (they work for 7 days).');
  });

  it('asks for the time zone on the confirm page, pre-filled by a script, and stores it only with the confirming click', async () => {
    const browser = new Browser();
    await browser.get(`${base}/newsletter`);
    await browser.post(`${base}/newsletter/subscribe`, { email: 'kenji@example.com' });
    const page = await new Browser().get(await linkIn('kenji@example.com', '/newsletter/confirm'));
    expect(page.text).toMatch(/<select id="timeZone" name="timeZone"[^>]* data-browser-time-zone>/);
    expect(page.text).toMatch(/<script src="\/assets\/time-zone\.[0-9a-f]{10}\.js" defer><\/script>/);
    expect(page.text).toContain('<option value="default" selected>');
    const button = formOn(page.text, '/newsletter/confirm');
    const zoneOf = async () =>
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'kenji@example.com' } })).timeZone;

    // A zone no browser sends: the form again, naming it, and nothing confirmed.
    const bad = await new Browser().post(`${base}${button.action}`, {
      ...button.fields,
      timeZone: 'Mars/Olympus_Mons',
    });
    expect(bad.status).toBe(400);
    expect(mainText(bad.text)).toContain('"Mars/Olympus_Mons" is not a time zone.');
    expect(
      (await prisma().subscriber.findUniqueOrThrow({ where: { email: 'kenji@example.com' } })).status,
    ).toBe('pending');

    const done = await new Browser().post(`${base}${button.action}`, {
      ...button.fields,
      timeZone: 'Asia/Tokyo',
    });
    expect(mainText(done.text)).toContain('kenji@example.com will get Concept Tutor every week.');
    expect(await zoneOf()).toBe('Asia/Tokyo');
    // A replay with another zone confirms nothing new and changes nothing.
    const replay = await new Browser().post(`${base}${button.action}`, {
      ...button.fields,
      timeZone: 'Europe/Berlin',
    });
    expect(mainText(replay.text)).toContain('(this link had already been used)');
    expect(await zoneOf()).toBe('Asia/Tokyo');
  });
});
