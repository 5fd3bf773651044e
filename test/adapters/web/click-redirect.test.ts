import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickTokens } from '../../../src/core/newsletter/click-token.js';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

const TOKEN_SECRET = 'click-test-secret-0123456789abcdef';
const BASE = 'https://tutor.example.com';
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const signer = createTokenSigner(TOKEN_SECRET);

let h: WebHarness;
let sink: SmtpSink;
/** The mailed copies: Ada counts clicks (the default), Bob turned counting off before the issue. */
let ada: { html: string; text: string };
let bob: { html: string; text: string };
let adaLinks: string[];
let weekKey: string;

const redirectsIn = (s: string) => [
  ...new Set([...s.matchAll(/https:\/\/tutor\.example\.com\/r\/[A-Za-z0-9_-]+/g)].map((m) => m[0])),
];
const pathOf = (url: string) => new URL(url).pathname;
const clicks = () => h.container.newsletter!.services.clicks!;

async function subscriberId(email: string): Promise<string> {
  const { subscribers } = await h.container.newsletter!.services.subscribers.search({ query: email });
  return subscribers.find((s) => s.email === email)!.id;
}
const manageToken = async (email: string) =>
  signer.sign('manage', await subscriberId(email), new Date(h.clock.now().getTime() + 30 * 86_400_000));

/** Fetches a counted link like a mail client's browser would, from one address. */
async function follow(url: string, init: { ip?: string; method?: string; userAgent?: string | null } = {}) {
  const headers = new Headers();
  if (init.userAgent !== null) headers.set('user-agent', init.userAgent ?? BROWSER);
  return h.app.request(
    url.startsWith('http') ? pathOf(url) : url,
    { method: init.method ?? 'GET', headers, redirect: 'manual' },
    { incoming: { socket: { remoteAddress: init.ip ?? '203.0.113.10' } } },
  );
}

async function countOf(link: string): Promise<number> {
  await clicks().idle();
  const stats = await clicks().stats();
  return stats.issues.find((i) => i.weekKey === weekKey)?.links.find((l) => l.link === link)?.clicks ?? 0;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createWebHarness(
    {
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      SMTP_RATE_LIMIT: '0',
      SMTP_URL: sink.url,
      TOKEN_SECRET,
      PUBLIC_URL: BASE,
    },
    { database: true },
  );
  const { services } = h.container.newsletter!;
  await services.subscribers.add({ email: 'ada@example.com', consentSource: 'test' });
  await services.subscribers.add({ email: 'bob@example.com', consentSource: 'test' });
  const off = await h.client().post('/newsletter/manage/preferences', {
    token: await manageToken('bob@example.com'),
    clicks: 'off',
  });
  expect(off.status).toBe(200);
  const run = await services.job.runScheduled({ scheduledFor: h.clock.now() });
  expect(run.action).toBe('delivered');
  weekKey = run.action === 'delivered' ? run.issue.weekKey : '';
  await sink.waitFor(2);
  const parsed = async (to: string) => {
    const mail = await sink.messages.find((m) => m.to.includes(to))!.parse();
    return { html: String(mail.html), text: mail.text ?? '' };
  };
  ada = await parsed('ada@example.com');
  bob = await parsed('bob@example.com');
  adaLinks = redirectsIn(ada.text);
}, 180_000);

afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('counted links in the mailed digest', () => {
  it("routes a counting subscriber's links through /r/, the same for everyone, but never unsubscribe or data links", () => {
    // View in browser, the concept article, the use case.
    expect(adaLinks).toHaveLength(3);
    expect(redirectsIn(ada.html)).toEqual(adaLinks);
    expect(ada.text).toMatch(/Unsubscribe: https:\/\/tutor\.example\.com\/newsletter\/unsubscribe\?token=/);
    expect(ada.text).not.toContain(`${BASE}/concepts/`);
  });

  it('gives a subscriber who turned counting off plain, direct links and no /r/ at all', () => {
    expect(redirectsIn(bob.html)).toEqual([]);
    expect(redirectsIn(bob.text)).toEqual([]);
    expect(bob.text).toContain(`Read the full article: ${BASE}/concepts/token`);
    expect(bob.html).toContain(`href="${BASE}/archive/${weekKey}"`);
  });
});

const checked = (text: string, name: string) =>
  new RegExp(`<input type="radio" id="${name}-(\\w+)" name="${name}" value="\\w+" checked>`).exec(text)?.[1];

describe('"Count my clicks" in the preference center', () => {
  it('shows the choice, on by default', async () => {
    const page = await h.client().get(`/newsletter/manage?token=${await manageToken('ada@example.com')}`);
    expect(page.text).toContain('<legend>Count my clicks</legend>');
    expect(checked(page.text, 'clicks')).toBe('on');
    const bobPage = await h.client().get(`/newsletter/manage?token=${await manageToken('bob@example.com')}`);
    expect(checked(bobPage.text, 'clicks')).toBe('off');
  });

  it('refuses a value that is not on or off with a 400 that names the field, and stores nothing', async () => {
    const token = await manageToken('bob@example.com');
    const refused = await h.client().post('/newsletter/manage/preferences', { token, clicks: 'maybe' });
    expect(refused.status).toBe(400);
    expect(mainText(refused.text)).toContain(
      '"maybe" is not a choice for count my clicks. Choose one of: on, off.',
    );
    const exported = await h.client().post('/newsletter/manage/export', { token });
    expect(JSON.parse(exported.text).subscriber.preferences.countClicks).toBe(false);
  });

  it('turned back on, applies from the next issue: its links are counted again', async () => {
    const token = await manageToken('bob@example.com');
    const saved = await h.client().post('/newsletter/manage/preferences', { token, clicks: 'on' });
    expect(saved.status).toBe(200);
    expect(checked(saved.text, 'clicks')).toBe('on');
    const exported = await h.client().post('/newsletter/manage/export', { token });
    expect(JSON.parse(exported.text).subscriber.preferences.countClicks).toBe(true);
    h.clock.advance(7 * 86_400_000);
    const run = await h.container.newsletter!.services.job.runScheduled({ scheduledFor: h.clock.now() });
    expect(run.action).toBe('delivered');
    await sink.waitFor(4);
    const next = await sink.messages.filter((m) => m.to.includes('bob@example.com'))[1]!.parse();
    // Counted again: every article and page link goes through /r/ (a welcome-track copy's browser
    // link is its concept page, so it may share the article link's id).
    expect(redirectsIn(next.text ?? '').length).toBeGreaterThanOrEqual(2);
    expect(next.text).not.toMatch(/https:\/\/tutor\.example\.com\/(concepts|use-cases|archive)\//);
    // Its clicks count under the concept that copy taught.
    const ids = redirectsIn(next.text ?? '').map((l) =>
      createClickTokens(TOKEN_SECRET).verify(l.slice(l.lastIndexOf('/') + 1)),
    );
    expect(next.subject).toMatch(/^Temperature:/);
    expect(ids.every((c) => typeof c !== 'string' && c.conceptSlug === 'temperature')).toBe(true);
  });
});

describe('GET /r/<id>', () => {
  it('redirects to our own page at once, sets no cookie, and counts the click', async () => {
    const before = await countOf('concept');
    const concept = adaLinks.find((l) => tokenTarget(l) === 'concept')!;
    const res = await follow(concept);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${BASE}/concepts/token`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await countOf('concept')).toBe(before + 1);
  });

  it('redirects a replay again, but counts it once per address and browser within the window', async () => {
    const archive = adaLinks.find((l) => tokenTarget(l) === 'archive')!;
    const first = await follow(archive, { ip: '198.51.100.20' });
    expect(first.headers.get('location')).toBe(`${BASE}/archive/${weekKey}`);
    const count = await countOf('archive');
    for (let i = 0; i < 3; i++) {
      const replay = await follow(archive, { ip: '198.51.100.20' });
      expect(replay.status).toBe(302);
      expect(replay.headers.get('location')).toBe(`${BASE}/archive/${weekKey}`);
    }
    expect(await countOf('archive')).toBe(count);
    await follow(archive, { ip: '198.51.100.21' });
    expect(await countOf('archive')).toBe(count + 1);
    // The next window counts the same address again.
    h.clock.advance(30 * 60_000);
    await follow(archive, { ip: '198.51.100.20' });
    expect(await countOf('archive')).toBe(count + 2);
  });

  it('redirects HEAD, prefetches and bots without counting them', async () => {
    const useCase = adaLinks.find((l) => tokenTarget(l) === 'use-case')!;
    const before = await countOf('use-case');
    const head = await follow(useCase, { method: 'HEAD', ip: '192.0.2.1' });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe(`${BASE}/use-cases/cost-forecasting`);
    const bot = await follow(useCase, {
      ip: '192.0.2.2',
      userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0)',
    });
    expect(bot.status).toBe(302);
    const anonymous = await follow(useCase, { ip: '192.0.2.3', userAgent: null });
    expect(anonymous.status).toBe(302);
    const prefetch = await h.app.request(
      pathOf(useCase),
      { headers: { 'user-agent': BROWSER, 'sec-purpose': 'prefetch' }, redirect: 'manual' },
      { incoming: { socket: { remoteAddress: '192.0.2.4' } } },
    );
    expect(prefetch.status).toBe(302);
    expect(await countOf('use-case')).toBe(before);
  });

  it('sends a forged id nowhere: a 404 page, no Location, nothing counted', async () => {
    const before = JSON.stringify(await clicks().stats());
    const link = adaLinks[0]!;
    const id = link.slice(link.lastIndexOf('/') + 1);
    const forgedIds = [
      `${id.slice(0, 6)}${id[6] === 'A' ? 'B' : 'A'}${id.slice(7)}`,
      createClickTokens('another-secret-of-enough-length-987654').sign({
        weekKey,
        conceptSlug: 'token',
        target: { kind: 'concept' },
        sample: false,
      }),
    ];
    for (const forged of forgedIds) {
      const res = await follow(`/r/${forged}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      const text = await res.text();
      expect(mainText(text)).toContain('This link is not valid. Open it again from the email');
      expect(text).toContain('noindex');
    }
    expect(JSON.stringify(await clicks().stats())).toBe(before);
  });

  it('answers damaged or made-up ids with a 400 page that says how to fix it, and never redirects', async () => {
    for (const bad of ['/r/x', '/r/https%3A%2F%2Fevil.example', `/r/${'A'.repeat(600)}`, '/r/abc.def']) {
      const res = await follow(bad);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(mainText(await res.text())).toContain('copy the whole address without changing it');
    }
    // Another email link's token (an unsubscribe token) is not a click id.
    const unsubscribe = signer.sign('unsubscribe', await subscriberId('ada@example.com'), null);
    expect((await follow(`/r/${unsubscribe}`)).headers.get('location')).toBeNull();
  });

  it('shows the admin clicks per issue and per concept', async () => {
    const client = h.client();
    await client.login();
    const page = await client.get('/admin/digest');
    expect(page.status).toBe(200);
    const text = mainText(page.text);
    expect(text).toContain('Clicks');
    const stats = await clicks().stats();
    const total = stats.issues.find((i) => i.weekKey === weekKey)!.clicks;
    expect(total).toBeGreaterThanOrEqual(4);
    expect(text).toContain(`Per concept Concept Issues Clicks Token 1 ${total}`);
    expect(text).toContain(`${weekKey} Token All links ${total}`);
    expect(text).toContain(`Concept article ${BASE}/concepts/token`);
    // Aggregates only: no address appears.
    expect(text).not.toContain('ada@example.com');
  });

  it("redirects a test copy's links without counting them", async () => {
    const before = JSON.stringify(await clicks().stats());
    const sent = sink.accepted;
    const result = await h.container.newsletter!.services.digest.sendTest({ to: 'editor@example.com' });
    expect(result.status).toBe('sent');
    await sink.waitFor(sent + 1);
    const copy = await sink.messages.at(-1)!.parse();
    const links = redirectsIn(copy.text ?? '');
    expect(links).toHaveLength(3);
    for (const link of links) {
      const res = await follow(link, { ip: '192.0.2.50' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(
        /^https:\/\/tutor\.example\.com\/(archive|concepts|use-cases)\//,
      );
    }
    await clicks().idle();
    expect(JSON.stringify(await clicks().stats())).toBe(before);
  });

  it('still redirects when the database is down, and logs the lost count', async () => {
    const concept = adaLinks.find((l) => tokenTarget(l) === 'concept')!;
    await h.container.database!.close();
    const res = await follow(concept, { ip: '192.0.2.99' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${BASE}/concepts/token`);
    await clicks().idle();
    expect(
      h.logger.lines.some((l) => l.level === 'warn' && l.message === 'could not count a digest link click'),
    ).toBe(true);
  });
});

/** The kind of target a mailed /r/ link stands for. */
function tokenTarget(url: string): string {
  const claim = createClickTokens(TOKEN_SECRET).verify(url.slice(url.lastIndexOf('/') + 1));
  return typeof claim === 'string' ? claim : claim.target.kind;
}
