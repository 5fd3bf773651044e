import { describe, expect, it } from 'vitest';
import { linkHash } from '../../../src/core/newsletter/article-links.js';
import {
  CLICK_DEDUPE_WINDOW_MS,
  createClickCounter,
  MAX_PENDING_CLICK_WRITES,
} from '../../../src/core/newsletter/click-counter.js';
import type { ClickStore, LinkClickCount } from '../../../src/core/newsletter/click-store.js';
import { type ClickClaim, createClickTokens } from '../../../src/core/newsletter/click-token.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { libraryOf } from './support/library.js';

const BASE = 'https://tutor.example.com';
const DOCS = 'https://docs.example.com/tokens?a=1&b=2';
const library = await libraryOf(
  [{ slug: 'tokens', whatItIs: `A token is a piece of text ([the docs](${DOCS})).` }],
  [
    {
      slug: 'bill-forecast',
      concepts: ['tokens'],
      body: '## What they built\nA dashboard, see [their post](https://blog.example.com/post).\n',
    },
  ],
);
const tokens = createClickTokens('a-test-secret-of-enough-length-0123456789');
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15';

/** A hand-written store: records each call, dedupes keys like the real one, and can be told to fail or hold. */
function recordingStore() {
  const calls: Array<Parameters<ClickStore['record']>[0]> = [];
  const seen = new Set<string>();
  const counters = new Map<string, LinkClickCount>();
  let fail: Error | null = null;
  let hold: Promise<void> | null = null;
  let pruned = 0;
  const store: ClickStore = {
    async record(input) {
      calls.push(input);
      if (hold) await hold;
      if (fail) throw fail;
      if (seen.has(input.dedupeKey)) return false;
      seen.add(input.dedupeKey);
      const key = `${input.weekKey} ${input.link}`;
      const row = counters.get(key) ?? { ...input, clicks: 0 };
      row.clicks += 1;
      counters.set(key, {
        weekKey: row.weekKey,
        conceptSlug: row.conceptSlug,
        link: row.link,
        url: input.url,
        clicks: row.clicks,
      });
      return true;
    },
    async pruneSeen() {
      pruned += 1;
      return 0;
    },
    async totals() {
      return [...counters.values()];
    },
  };
  return {
    store,
    calls,
    pruned: () => pruned,
    failWith(error: Error | null) {
      fail = error;
    },
    holdUntil(gate: Promise<void> | null) {
      hold = gate;
    },
  };
}

function setup() {
  let now = new Date('2026-12-01T09:00:00Z').getTime();
  const fake = recordingStore();
  const logger = createRecordingLogger();
  const clicks = createClickCounter({
    store: fake.store,
    tokens,
    library: () => library,
    baseUrl: BASE,
    clock: { now: () => new Date(now) },
    logger,
  });
  const visit = (claim: ClickClaim, over: Partial<Parameters<typeof clicks.follow>[0]> = {}) =>
    clicks.follow({
      token: tokens.sign(claim),
      method: 'GET',
      userAgent: BROWSER,
      purpose: undefined,
      clientAddress: '203.0.113.7',
      ...over,
    });
  return { clicks, fake, logger, visit, advance: (ms: number) => (now += ms) };
}

const claim = (target: ClickClaim['target'], sample = false): ClickClaim => ({
  weekKey: '2026-W49',
  conceptSlug: 'tokens',
  target,
  sample,
});

describe('the click redirect', () => {
  it('sends each kind of link to our own page, or to the link the article has', () => {
    const { visit } = setup();
    expect(visit(claim({ kind: 'archive' }))).toMatchObject({
      ok: true,
      location: `${BASE}/archive/2026-W49`,
    });
    expect(visit(claim({ kind: 'concept' }))).toMatchObject({ location: `${BASE}/concepts/tokens` });
    expect(visit(claim({ kind: 'use-case', useCaseSlug: 'bill-forecast' }))).toMatchObject({
      location: `${BASE}/use-cases/bill-forecast`,
    });
    expect(visit(claim({ kind: 'concept-link', linkHash: linkHash(DOCS) }))).toMatchObject({
      location: DOCS,
    });
    expect(
      visit(
        claim({
          kind: 'use-case-link',
          useCaseSlug: 'bill-forecast',
          linkHash: linkHash('https://blog.example.com/post'),
        }),
      ),
    ).toMatchObject({ location: 'https://blog.example.com/post' });
  });

  it("falls back to the article's page when the article no longer has the link", () => {
    const { visit } = setup();
    expect(
      visit(claim({ kind: 'concept-link', linkHash: linkHash('https://gone.example.com/') })),
    ).toMatchObject({ ok: true, location: `${BASE}/concepts/tokens` });
    expect(
      visit(
        claim({
          kind: 'use-case-link',
          useCaseSlug: 'bill-forecast',
          linkHash: linkHash('https://gone.example.com/'),
        }),
      ),
    ).toMatchObject({ ok: true, location: `${BASE}/use-cases/bill-forecast` });
  });

  it('sends a forged or damaged id nowhere, and counts nothing', async () => {
    const { clicks, fake } = setup();
    const token = tokens.sign(claim({ kind: 'concept' }));
    const visit = { method: 'GET', userAgent: BROWSER, purpose: undefined, clientAddress: '203.0.113.7' };
    expect(clicks.follow({ ...visit, token: `${token.slice(0, -2)}AA` })).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(clicks.follow({ ...visit, token: 'https:%2F%2Fevil.example' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    await clicks.idle();
    expect(fake.calls).toEqual([]);
  });

  it('counts a click once per window for one network and browser; a replay still redirects', async () => {
    const { clicks, fake, visit, advance } = setup();
    const link = claim({ kind: 'concept' });
    expect(visit(link)).toMatchObject({ ok: true, counting: 'counting' });
    expect(visit(link)).toMatchObject({
      ok: true,
      location: `${BASE}/concepts/tokens`,
      counting: 'counting',
    });
    visit(link, { clientAddress: '198.51.100.1' });
    visit(link, { userAgent: `${BROWSER} Edge` });
    await clicks.idle();
    // The replay reached the store with the same key and was not counted again.
    expect(fake.calls).toHaveLength(4);
    expect(fake.calls[0]!.dedupeKey).toBe(fake.calls[1]!.dedupeKey);
    expect(new Set(fake.calls.map((c) => c.dedupeKey)).size).toBe(3);
    expect((await clicks.stats()).issues[0]!.clicks).toBe(3);
    advance(CLICK_DEDUPE_WINDOW_MS);
    visit(link);
    await clicks.idle();
    expect((await clicks.stats()).issues[0]!.clicks).toBe(4);
    // Old keys are pruned once per window.
    expect(fake.pruned()).toBe(2);
    // The key is a hash: the address is nowhere in what is stored.
    expect(JSON.stringify(fake.calls)).not.toContain('203.0.113.7');
  });

  it('redirects HEAD, prefetches, bots, fetches without a user agent and sample links without counting them', async () => {
    const { clicks, fake, visit } = setup();
    const link = claim({ kind: 'concept' });
    expect(visit(link, { method: 'HEAD' })).toMatchObject({ ok: true, counting: 'head' });
    expect(visit(link, { purpose: 'prefetch' })).toMatchObject({ ok: true, counting: 'prefetch' });
    expect(visit(link, { userAgent: undefined })).toMatchObject({ counting: 'no user agent' });
    for (const bot of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'python-requests/2.31.0',
      'curl/8.4.0',
      'Microsoft Office Existence Discovery',
    ])
      expect(visit(link, { userAgent: bot })).toMatchObject({ ok: true, counting: 'bot user agent' });
    expect(visit(claim({ kind: 'concept' }, true))).toMatchObject({ ok: true, counting: 'sample' });
    await clicks.idle();
    expect(fake.calls).toEqual([]);
  });

  it('redirects when the database is down, and logs the lost count', async () => {
    const { clicks, fake, logger, visit } = setup();
    fake.failWith(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(visit(claim({ kind: 'concept' }))).toMatchObject({
      ok: true,
      location: `${BASE}/concepts/tokens`,
    });
    await clicks.idle();
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'could not count a digest link click',
    ]);
  });

  it('answers without waiting for the database, and drops counts past a bounded backlog', async () => {
    const { clicks, fake, logger, visit } = setup();
    let open = () => {};
    fake.holdUntil(new Promise<void>((resolve) => (open = resolve)));
    for (let i = 0; i < MAX_PENDING_CLICK_WRITES; i++)
      expect(visit(claim({ kind: 'concept' }), { clientAddress: `10.0.0.${i}` })).toMatchObject({
        counting: 'counting',
      });
    expect(visit(claim({ kind: 'concept' }), { clientAddress: '10.0.1.1' })).toMatchObject({
      ok: true,
      counting: 'busy',
    });
    expect(logger.lines.some((l) => l.message.includes('not counted'))).toBe(true);
    open();
    await clicks.idle();
    expect((await clicks.stats()).issues[0]!.clicks).toBe(MAX_PENDING_CLICK_WRITES);
  });

  it('sums clicks per issue (newest first, links by clicks) and per concept', async () => {
    const { clicks, visit } = setup();
    visit(claim({ kind: 'concept' }));
    visit(claim({ kind: 'concept' }), { clientAddress: '10.0.0.2' });
    visit(claim({ kind: 'archive' }));
    visit({ weekKey: '2026-W50', conceptSlug: 'tokens', target: { kind: 'archive' }, sample: false });
    visit({ weekKey: '2026-W51', conceptSlug: 'temperature', target: { kind: 'concept' }, sample: false });
    await clicks.idle();
    const stats = await clicks.stats();
    expect(stats.issues.map((i) => [i.weekKey, i.clicks])).toEqual([
      ['2026-W51', 1],
      ['2026-W50', 1],
      ['2026-W49', 3],
    ]);
    expect(stats.issues[2]!.links.map((l) => [l.link, l.clicks])).toEqual([
      ['concept', 2],
      ['archive', 1],
    ]);
    expect(stats.concepts).toEqual([
      { conceptSlug: 'tokens', clicks: 4, issues: 2 },
      { conceptSlug: 'temperature', clicks: 1, issues: 1 },
    ]);
  });
});
