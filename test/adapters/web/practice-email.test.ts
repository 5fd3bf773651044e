import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecallTokens } from '../../../src/core/newsletter/recall-token.js';
import { subscriberLearner } from '../../../src/core/practice/learner-id.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

// The real library: the fixture one has no "Check yourself" items.
const CONTENT_DIR = new URL('../../../content/', import.meta.url).pathname;
const TOKEN_SECRET = 'recall-test-secret-0123456789abcdef';
const DAY = 86_400_000;

let h: WebHarness;
let sink: SmtpSink;
let ada: string;
let bob: string;
/** The recall links of Ada's and Bob's second digest, as mailed, in option order. */
let adaLinks: string[];
let bobLinks: string[];
let secondText: string;
let secondHtml: string;

const pathOf = (url: string) => new URL(url).pathname;
const statesOf = (id: string) => h.container.practiceStore.statesOf(subscriberLearner(id));
const linksIn = (text: string) =>
  [...text.matchAll(/: (https?:\/\/\S+\/practice\/email\/[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createWebHarness(
    {
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      SMTP_RATE_LIMIT: '0',
      SMTP_URL: sink.url,
      CONTENT_DIR,
      TOKEN_SECRET,
      PUBLIC_URL: 'https://tutor.example.com',
    },
    { database: true },
  );
  const { services } = h.container.newsletter!;
  await services.subscribers.add({ email: 'ada@example.com', consentSource: 'test' });
  await services.subscribers.add({ email: 'bob@example.com', consentSource: 'test' });
  const first = await services.job.runScheduled({ scheduledFor: h.clock.now() });
  expect(first.action).toBe('delivered');
  await sink.waitFor(2);
  h.clock.advance(7 * DAY);
  const second = await services.job.runScheduled({ scheduledFor: h.clock.now() });
  expect(second.action).toBe('delivered');
  await sink.waitFor(4);
  const mails = await Promise.all(sink.messages.map((m) => m.parse()));
  const adaSecond = mails.filter((_, i) => sink.messages[i]!.to.includes('ada@example.com'));
  expect(adaSecond).toHaveLength(2);
  secondText = adaSecond[1]!.text!;
  secondHtml = String(adaSecond[1]!.html);
  adaLinks = linksIn(secondText);
  const bobMails = mails.filter((_, i) => sink.messages[i]!.to.includes('bob@example.com'));
  bobLinks = linksIn(bobMails[1]!.text!);
  const { subscribers } = await services.subscribers.search({ query: 'example.com' });
  ada = subscribers.find((s) => s.email === 'ada@example.com')!.id;
  bob = subscribers.find((s) => s.email === 'bob@example.com')!.id;
}, 180_000);

afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('the digest over real SMTP', () => {
  it('asks a new subscriber no recall question, but opens later issues with one from an earlier concept', async () => {
    const first = await sink.messages.find((m) => m.to.includes('ada@example.com'))!.parse();
    expect(first.text).not.toContain('CHECK YOURSELF');
    expect(first.text).toContain('GUESS FIRST:');
    expect(secondText).toMatch(/\nCHECK YOURSELF \(from .+\)\n/);
    expect(secondText).toContain('GUESS FIRST:');
    expect(secondHtml).toContain('Check yourself &middot; from');
    expect(adaLinks.length).toBeGreaterThanOrEqual(3);
    expect(adaLinks[0]!.startsWith('https://tutor.example.com/practice/email/')).toBe(true);
    // Each recipient gets their own signed links.
    expect(bobLinks).toHaveLength(adaLinks.length);
    expect(bobLinks[0]).not.toBe(adaLinks[0]);
  });
});

describe('/practice/email/<token>', () => {
  it('GET shows the question and a button, and records nothing however often it is fetched', async () => {
    const client = h.client();
    for (const link of adaLinks) {
      const page = await client.get(pathOf(link));
      expect(page.status).toBe(200);
      expect(page.response.headers.get('cache-control')).toBe('no-store');
      expect(page.response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.text).toContain('noindex');
      expect(mainText(page.text)).toContain('Your answer:');
      expect(page.text).toContain('<button type="submit">Check my answer</button>');
    }
    expect(await statesOf(ada)).toEqual([]);
  });

  it('refuses a POST without the form token (CSRF), recording nothing', async () => {
    const client = h.client();
    await client.get(pathOf(adaLinks[0]!));
    const refused = await client.post(pathOf(adaLinks[0]!), {}, { csrf: null });
    expect(refused.status).toBe(403);
    expect(await statesOf(ada)).toEqual([]);
  });

  it('POST records the answer once, with right or wrong, explanation, article and next review; a replay changes nothing', async () => {
    const client = h.client();
    await client.get(pathOf(adaLinks[1]!));
    const graded = await client.post(pathOf(adaLinks[1]!), {});
    expect(graded.status).toBe(200);
    const text = mainText(graded.text);
    expect(text).toMatch(/Right\.|Not quite\./);
    expect(text).toContain('The answer:');
    expect(text).toContain('Read more in');
    expect(graded.text).toMatch(/href="\/concepts\/[a-z0-9-]+"/);
    expect(text).toContain('A later digest asks it again around');
    expect(graded.text).not.toContain('id="recall-replay"');
    const after = await statesOf(ada);
    expect(after).toHaveLength(1);

    // The same link again, and another option's link: the first answer stands.
    for (const link of [adaLinks[1]!, adaLinks[0]!, adaLinks[2]!]) {
      await client.get(pathOf(link));
      const replay = await client.post(pathOf(link), {});
      expect(replay.status).toBe(200);
      expect(replay.text).toContain('id="recall-replay"');
      expect(mainText(replay.text).match(/Right\.|Not quite\./)![0]).toBe(
        text.match(/Right\.|Not quite\./)![0],
      );
    }
    expect(await statesOf(ada)).toEqual(after);
  });

  it("records Bob's answer for Bob only, once even when two option links are posted at the same moment", async () => {
    const before = await statesOf(ada);
    const client = h.client();
    await client.get(pathOf(bobLinks[0]!));
    const replies = await Promise.all([
      client.post(pathOf(bobLinks[0]!), {}),
      client.post(pathOf(bobLinks[1]!), {}),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies.filter((r) => !r.text.includes('id="recall-replay"'))).toHaveLength(1);
    const states = await statesOf(bob);
    expect(states).toHaveLength(1);
    expect(states[0]!.version).toBe(1);
    expect(await statesOf(ada)).toEqual(before);
  });

  it('refuses forged, foreign and stale tokens on GET and POST with a clear page, recording nothing', async () => {
    const tokens = createRecallTokens(TOKEN_SECRET);
    const good = tokens.verify(pathOf(adaLinks[0]!).split('/').pop()!, h.clock.now());
    if (good === null || good === 'expired') throw new Error('the mailed token does not verify');
    const later = new Date(h.clock.now().getTime() + 30 * DAY);
    const forged = pathOf(adaLinks[0]!).replace(
      /email\/(.)/,
      (_, c: string) => `email/${c === 'A' ? 'B' : 'A'}`,
    );
    const cases: Array<[string, string, number, RegExp]> = [
      ['bad signature', forged, 404, /not valid/],
      [
        'another secret',
        `/practice/email/${createRecallTokens('some-other-secret-0123456789').sign(good, later)}`,
        404,
        /not valid/,
      ],
      [
        'unknown subscriber',
        `/practice/email/${tokens.sign({ ...good, subscriberId: '00000000-0000-4000-8000-000000000000' }, later)}`,
        404,
        /no longer available/,
      ],
      [
        'unknown issue',
        `/practice/email/${tokens.sign({ ...good, weekKey: '2020-W01' }, later)}`,
        404,
        /no longer available/,
      ],
      [
        'unknown item',
        `/practice/email/${tokens.sign({ ...good, itemId: 'nope~123' }, later)}`,
        404,
        /no longer available/,
      ],
      [
        'option out of range',
        `/practice/email/${tokens.sign({ ...good, choice: 9 }, later)}`,
        404,
        /no longer available/,
      ],
      [
        'expired',
        `/practice/email/${tokens.sign(good, new Date(h.clock.now().getTime() - 1000))}`,
        410,
        /expired/,
      ],
    ];
    const before = { ada: await statesOf(ada), bob: await statesOf(bob) };
    for (const [name, path, status, message] of cases) {
      const client = h.client();
      const page = await client.get(path);
      expect(page.status, name).toBe(status);
      expect(mainText(page.text), name).toMatch(message);
      await client.get('/practice'); // a page with a form token, so only the link itself can fail
      const posted = await client.post(path, {});
      expect(posted.status, name).toBe(status);
    }
    expect({ ada: await statesOf(ada), bob: await statesOf(bob) }).toEqual(before);
  });

  it('shows a sample recall block in the admin preview, its plain-text version and a test copy', async () => {
    const admin = h.client();
    await admin.login();
    const frame = await admin.get('/admin/digest/preview?week=2026-W50');
    expect(frame.status).toBe(200);
    expect(frame.text).toContain('Check yourself &middot; from');
    expect(frame.text).toContain('Guess first:');
    const page = await admin.get('/admin/digest?week=2026-W50');
    expect(page.text).toContain('CHECK YOURSELF (from');
    const sent = sink.messages.length;
    const result = await h.container.newsletter!.services.digest.sendTest({
      to: 'editor@example.com',
      weekKey: '2026-W50',
    });
    expect(result.status).toBe('sent');
    await sink.waitFor(sent + 1);
    const copy = await sink.messages.at(-1)!.parse();
    expect(copy.text).toContain('CHECK YOURSELF (from');
    // Signed for nobody: the page opens, the answer is refused and nothing is recorded.
    const link = linksIn(copy.text!)[0]!;
    const client = h.client();
    expect((await client.get(pathOf(link))).status).toBe(404);
  });
});
