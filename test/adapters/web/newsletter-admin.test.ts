import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PAGE_CACHE_CONTROL } from '../../../src/adapters/web/render/page-response.js';
import type { NewsletterRuntime } from '../../../src/wiring/newsletter.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';
import { createWebHarness, mainText, type WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
let sink: SmtpSink;
let newsletter: NewsletterRuntime;
let admin: WebClient;
let rejectBob = true;
/** The archive list's ETag before any issue went out. */
let emptyArchiveEtag: string | null = null;
/** The Atom feed's ETag before any issue went out. */
let emptyFeedEtag: string | null = null;

beforeAll(async () => {
  sink = await startSmtpSink({
    onRecipient: (address) =>
      address === 'bob@example.com' && rejectBob ? { code: 450, message: 'Mailbox busy, try later' } : null,
  });
  h = await createWebHarness(
    {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      PUBLIC_URL: 'http://tutor.example.test',
      DIGEST_TZ: 'UTC',
      SMTP_RATE_LIMIT: '0',
    },
    { database: true },
  );
  newsletter = h.container.newsletter!;
  for (const email of ['alice@example.com', 'bob@example.com', '-cmd@example.com']) {
    await newsletter.subscriptions.addConsented({
      email,
      consentSource: email.startsWith('-') ? '=HYPERLINK("x")' : 'import:test',
    });
  }
  await newsletter.subscriptions.subscribe({ email: 'carol@example.org', source: 'web' });
  admin = h.client();
  await admin.login();
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('public archive', () => {
  it('is linked from the navigation once the newsletter is on, and empty before the first issue', async () => {
    const home = await h.client().get('/');
    expect(home.text).toContain('<a href="/archive">Archive</a>');
    const { status, text, response } = await h.client().get('/archive');
    expect(status).toBe(200);
    expect(mainText(text)).toContain('No issue has gone out yet.');
    expect(response.headers.get('cache-control')).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    emptyArchiveEtag = response.headers.get('etag');
    expect(emptyArchiveEtag).toMatch(/^"[\w-]{22}"$/);
  });

  it('advertises the Atom and JSON feeds in every public head and links them from the archive', async () => {
    for (const path of ['/', '/archive', '/concepts/token']) {
      const { text } = await h.client().get(path);
      expect(text).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Archive (Atom)" href="/archive/feed.xml">',
      );
      expect(text).toContain(
        '<link rel="alternate" type="application/feed+json" title="Archive (JSON Feed)" href="/archive/feed.json">',
      );
    }
    const archive = await h.client().get('/archive');
    expect(archive.text).toContain('<a href="/archive/feed.xml" type="application/atom+xml">Atom feed</a>');
    expect(archive.text).toContain('<a href="/archive/feed.json" type="application/feed+json">JSON Feed</a>');
  });

  it('serves empty, valid feeds before the first issue, cacheable with an ETag', async () => {
    const atom = await h.client().get('/archive/feed.xml');
    expect(atom.status).toBe(200);
    expect(atom.response.headers.get('content-type')).toBe('application/atom+xml; charset=UTF-8');
    expect(atom.response.headers.get('cache-control')).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(XMLValidator.validate(atom.text)).toBe(true);
    const parsed = parseFeed(atom.text);
    expect(parsed.items).toEqual([]);
    expect(parsed.url).toBe('http://tutor.example.test/archive');
    const json = await h.client().get('/archive/feed.json');
    expect(json.response.headers.get('content-type')).toBe('application/feed+json; charset=UTF-8');
    expect(JSON.parse(json.text)).toMatchObject({
      items: [],
      feed_url: 'http://tutor.example.test/archive/feed.json',
    });
    emptyFeedEtag = atom.response.headers.get('etag');
    expect((await h.client().get('/archive/feed.xml', { 'if-none-match': emptyFeedEtag! })).status).toBe(304);
  });

  it('the newsletter pages carry a CSRF token and are never cached', async () => {
    const { text, response } = await h.client().get('/newsletter');
    expect(text).toContain('name="_csrf"');
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it.each(['/archive/2026-W99', '/archive/not-a-week', '/archive/..%2f..%2fetc%2fpasswd'])(
    'answers 404 for an issue that never went out: %s',
    async (url) => {
      expect((await h.client().get(url)).status).toBe(404);
    },
  );
});

describe('digest admin', () => {
  it('previews the next issue: content, subject, a sandboxed HTML frame and the plain text', async () => {
    const { status, text } = await admin.get('/admin/digest');
    expect(status).toBe(200);
    const main = mainText(text);
    expect(main).toContain('Week 48, 2026');
    expect(main).toContain('not created yet');
    expect(main).toMatch(/Subject .+: this week's AI concept/);
    expect(text).toMatch(
      /<iframe class="email-preview" title="Email preview of 2026-W48" src="\/admin\/digest\/preview\?week=2026-W48" sandbox/,
    );
    const frame = await admin.get('/admin/digest/preview?week=2026-W48');
    expect(frame.status).toBe(200);
    expect(frame.response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox; frame-ancestors 'self'",
    );
    expect(frame.text).toContain('<!DOCTYPE html>');
    expect((await admin.get('/admin/digest/preview?week=nonsense')).status).toBe(400);
  });

  it('pins a concept and use case for the week, shows them selected, and clears the pin', async () => {
    await admin.get('/admin/digest');
    const pinned = await admin.post('/admin/digest/pin', {
      week: '2026-W48',
      concept: 'temperature',
      useCase: 'cost-forecasting',
    });
    expect(pinned.status).toBe(303);
    expect(pinned.response.headers.get('location')).toBe('/admin/digest?week=2026-W48&done=pinned');
    expect(await newsletter.services.digest.pinOf('2026-W48')).toEqual({
      weekKey: '2026-W48',
      conceptSlug: 'temperature',
      useCaseSlug: 'cost-forecasting',
    });
    const page = await admin.get('/admin/digest?week=2026-W48&done=pinned');
    expect(mainText(page.text)).toContain('Pinned.');
    expect(page.text).toContain('<option value="temperature" selected>Temperature</option>');
    expect(mainText(page.text)).toContain('Temperature: this week');
    const cleared = await admin.post('/admin/digest/unpin', { week: '2026-W48' });
    expect(cleared.response.headers.get('location')).toBe('/admin/digest?week=2026-W48&done=unpinned');
    expect(await newsletter.services.digest.pinOf('2026-W48')).toBeNull();
  });

  it('refuses a pin of unknown content or one the picker cannot use, leaving the old pin alone', async () => {
    await admin.get('/admin/digest');
    const unknown = await admin.post('/admin/digest/pin', { week: '2026-W48', concept: 'no-such-concept' });
    expect(unknown.status).toBe(422);
    expect(mainText(unknown.text)).toContain('There is no concept "no-such-concept".');
    // Temperature has no linked use case in the fixtures, so pinning it alone cannot make an issue.
    const unusable = await admin.post('/admin/digest/pin', { week: '2026-W48', concept: 'temperature' });
    expect(unusable.status).toBe(422);
    expect(mainText(unusable.text)).toContain('has no linked use case');
    expect(await newsletter.services.digest.pinOf('2026-W48')).toBeNull();
    expect((await admin.post('/admin/digest/pin', { week: '2026-W77', concept: 'token' })).status).toBe(400);
  });

  it('sends a test copy through the real SMTP server, marked [Test]', async () => {
    await admin.get('/admin/digest');
    const before = sink.accepted;
    const sent = await admin.post('/admin/digest/test', { week: '2026-W48', to: ' Tester@Example.com ' });
    expect(sent.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe('/admin/digest?week=2026-W48&done=test-sent');
    await sink.waitFor(before + 1);
    const mail = await sink.messages.at(-1)!.parse();
    expect(sink.messages.at(-1)!.to).toEqual(['tester@example.com']);
    expect(mail.subject).toMatch(/^\[Test\] /);
    expect(await newsletter.services.digest.issue('2026-W48')).toBeNull();
  });

  it('refuses an invalid test address with a clear error and keeps what was typed', async () => {
    await admin.get('/admin/digest');
    const { status, text } = await admin.post('/admin/digest/test', {
      week: '2026-W48',
      to: 'not-an-address',
    });
    expect(status).toBe(400);
    expect(mainText(text)).toContain(
      '"not-an-address" is not a valid email address. Use an address like name@example.com.',
    );
    expect(text).toContain('value="not-an-address"');
  });

  it('shows delivery status with failures, and retries the failed ones', async () => {
    // A 4xx is retried with backoff; after the fifth attempt the delivery is failed for good (not a bounce).
    for (let attempt = 0; attempt < 5; attempt++) {
      await newsletter.digestJob.runNow({ weekKey: '2026-W48' });
      h.clock.advance(5 * 60 * 60 * 1000);
    }
    // 25 hours later the 8-hour admin session has expired, as it should.
    expect((await admin.get('/admin/digest')).status).toBe(303);
    await admin.login();
    const status = await admin.get('/admin/digest');
    const main = mainText(status.text);
    expect(main).toContain('Latest issue: Week 48, 2026 (2026-W48)');
    expect(main).toMatch(/2 sent .*1 failed/);
    expect(main).toContain('bob@example.com failed 5');
    expect(main).toContain('Mailbox busy, try later');
    // The issue exists now: the page moves on to next week's.
    expect(main).toContain('Week 49, 2026');
    rejectBob = false;
    const retried = await admin.post('/admin/digest/retry', { week: '2026-W48' });
    expect(retried.status).toBe(303);
    expect(retried.response.headers.get('location')).toBe('/admin/digest?done=retried&n=1');
    expect(sink.countFor('bob@example.com')).toBe(1);
    const after = mainText((await admin.get('/admin/digest?done=retried&n=1')).text);
    expect(after).toContain('1 failed delivery was sent again.');
    expect(after).toMatch(/3 sent .*0 failed/);
  });

  it('lists the sent issue in the public archive and renders it as a page', async () => {
    // The same library as before, but a new issue: the list is a new page with a new ETag.
    const list = await h.client().get('/archive', { 'if-none-match': emptyArchiveEtag! });
    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/archive/2026-W48"');
    expect(list.response.headers.get('etag')).not.toBe(emptyArchiveEtag);
    const issue = await h.client().get('/archive/2026-W48');
    expect(issue.status).toBe(200);
    expect(mainText(issue.text)).toContain('Week 48, 2026');
    expect(issue.text).toContain('<h2>What it is</h2>');
    expect(issue.text).toMatch(/Use case: /);
    expect(issue.response.headers.get('cache-control')).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(issue.response.headers.get('set-cookie')).toBeNull();
    const etag = issue.response.headers.get('etag')!;
    const again = await h.client().get('/archive/2026-W48', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Another week's key never validates this one.
    expect((await h.client().get('/archive/2026-W47', { 'if-none-match': etag })).status).toBe(404);
  });

  it('lists the sent issue in both feeds, with its full content and absolute links to the concept and use case', async () => {
    const atom = await h.client().get('/archive/feed.xml', { 'if-none-match': emptyFeedEtag! });
    expect(atom.status).toBe(200);
    expect(XMLValidator.validate(atom.text)).toBe(true);
    const [item, ...rest] = parseFeed(atom.text).items;
    expect(rest).toEqual([]);
    expect(item!.url).toBe('http://tutor.example.test/archive/2026-W48');
    expect(item!.title).toMatch(/^Week 48, 2026: /);
    expect(item!.content).toContain('<h2>What it is</h2>');
    expect(item!.content).toMatch(/href="http:\/\/tutor\.example\.test\/concepts\/[\w-]+"/);
    expect(item!.content).toMatch(/href="http:\/\/tutor\.example\.test\/use-cases\/[\w-]+"/);
    const json = JSON.parse((await h.client().get('/archive/feed.json')).text);
    expect(json.items).toHaveLength(1);
    expect(json.items[0]).toMatchObject({ id: item!.url, url: item!.url, title: item!.title });
    expect(json.items[0].content_html).toContain('<h2>What it is</h2>');
    expect(json.items[0].date_published).toBe(item!.published!.toISOString());
  });

  it('exposes deliveries and subscribers by status on /metrics, as of the last background refresh', async () => {
    // The metrics module refreshes these every minute in the service; here the test does it.
    await h.container.metrics.refreshSnapshots();
    const text = await (await h.app.request('/metrics')).text();
    expect(text).toContain('concept_tutor_digest_deliveries{week="2026-W48",status="sent"} 3');
    expect(text).toContain('concept_tutor_digest_deliveries{week="2026-W48",status="failed"} 0');
    expect(text).toContain('concept_tutor_subscribers{status="active"} 3');
    expect(text).toContain('concept_tutor_subscribers{status="pending"} 1');
  });
});

describe('subscribers admin', () => {
  it('shows counts by status', async () => {
    const main = mainText((await admin.get('/admin/subscribers')).text);
    expect(main).toContain('3 active');
    expect(main).toContain('1 pending');
    expect(main).toContain('0 unsubscribed');
  });

  it('searches by part of the address, case-insensitively, and by status', async () => {
    const byText = mainText((await admin.get('/admin/subscribers?q=EXAMPLE.COM')).text);
    expect(byText).toContain('3 matches');
    expect(byText).toContain('alice@example.com active import:test');
    expect(byText).not.toContain('carol@example.org');
    const pending = mainText((await admin.get('/admin/subscribers?status=pending')).text);
    expect(pending).toContain('1 match');
    expect(pending).toContain('carol@example.org pending');
    // LIKE wildcards in the query are literal characters, not patterns.
    expect(mainText((await admin.get('/admin/subscribers?q=%25')).text)).toContain('0 matches');
    expect(mainText((await admin.get('/admin/subscribers?q=b_b')).text)).toContain('0 matches');
  });

  it('exports CSV that a spreadsheet cannot turn into formulas', async () => {
    const res = await admin.request('/admin/subscribers/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="subscribers-all-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe(
      'email,status,consent_source,consent_at,created_at,confirmed_at,unsubscribed_at,bounced_at,last_error',
    );
    expect(lines.filter(Boolean)).toHaveLength(5);
    expect(lines.find((l) => l.includes('cmd@example.com'))).toMatch(
      /^'-cmd@example\.com,active,"'=HYPERLINK\(""x""\)",/,
    );
    const active = await (await admin.request('/admin/subscribers/export.csv?status=pending')).text();
    expect(active.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('is only for admins', async () => {
    const anonymous = h.client();
    expect((await anonymous.get('/admin/subscribers/export.csv')).status).toBe(303);
    expect((await anonymous.get('/admin/subscribers')).status).toBe(303);
  });
});

describe('public POST rate limit and the newsletter', () => {
  it('limits the subscribe form per IP but never the RFC 8058 one-click unsubscribe (mail providers share IPs)', async () => {
    const limited = await createWebHarness(
      { SMTP_URL: sink.url, MAIL_FROM: 'Concept Tutor <digest@example.com>', PUBLIC_RATE_LIMIT: '1' },
      { database: true },
    );
    try {
      const client = limited.client({ ip: '198.51.100.77' });
      await client.get('/newsletter');
      expect((await client.post('/newsletter/subscribe', { email: 'one@example.com' })).status).toBe(200);
      expect((await client.post('/newsletter/subscribe', { email: 'two@example.com' })).status).toBe(429);
      for (let i = 0; i < 3; i++) {
        const res = await limited.app.request(
          '/newsletter/unsubscribe?token=not-a-real-token',
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'List-Unsubscribe=One-Click',
          },
          { incoming: { socket: { remoteAddress: '198.51.100.77' } } },
        );
        expect(res.status).not.toBe(429);
      }
    } finally {
      await limited.close();
    }
  });
});

describe('admin: the welcome track on the digest page', () => {
  it('lists a subscriber who confirmed with their welcome and where they are on the track', async () => {
    const before = mainText((await admin.get('/admin/digest')).text);
    expect(before).toContain('Welcome track');
    expect(before).toContain('0 active subscribers joined the track');
    const confirmation = [...sink.messages].reverse().find((m) => m.to.includes('carol@example.org'))!;
    const text = (await confirmation.parse()).text!;
    const token = new URL(/http:\/\/\S+\/newsletter\/confirm\?\S+/.exec(text)![0]).searchParams.get('token')!;
    expect(await newsletter.subscriptions.confirm(token)).toMatchObject({ outcome: 'confirmed' });
    await newsletter.subscriptions.idle();
    const page = mainText((await admin.get('/admin/digest')).text);
    expect(page).toContain('1 active subscriber joined the track');
    expect(page).toContain('1 welcome sent');
    // The issue that went out earlier in this file is carol's backlog: one concept to catch up on.
    expect(page).toMatch(/carol@example\.org \d{4}-\d\d-\d\d all sent 0 of 1 \S+/);
  });
});
