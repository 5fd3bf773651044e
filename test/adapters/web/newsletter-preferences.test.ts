import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';
import type { Subscriber } from '../../../src/core/newsletter/types.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

const TOKEN_SECRET = 'preferences-token-secret-0123456789';
const signer = createTokenSigner(TOKEN_SECRET);
const WEEK = 7 * 86_400_000;

let h: WebHarness;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createWebHarness(
    {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      SMTP_RATE_LIMIT: '0',
      TOKEN_SECRET,
    },
    { database: true },
  );
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

async function subscriber(email: string): Promise<Subscriber> {
  const { subscribers } = await h.container.newsletter!.services.subscribers.search({ query: email });
  return subscribers.find((s) => s.email === email)!;
}

/** A subscriber and the manage link a digest would carry (valid for 30 days). */
async function subscribed(email: string): Promise<{ token: string; id: string }> {
  await h.container.newsletter!.services.subscribers.add({ email, consentSource: 'test' });
  const { id } = await subscriber(email);
  return { id, token: signer.sign('manage', id, new Date(h.clock.now().getTime() + 30 * 86_400_000)) };
}

const checked = (text: string, name: string) =>
  new RegExp(`<input type="radio" id="${name}-(\\w+)" name="${name}" value="\\w+" checked>`).exec(text)?.[1];

describe("the preference center (the digest's manage link)", () => {
  it('shows the current choices, saves new ones, and applies them from the next issue', async () => {
    const { token } = await subscribed('prefs@example.com');
    const page = await h.client().get(`/newsletter/manage?token=${token}`);
    expect(page.status).toBe(200);
    expect(mainText(page.text)).toContain('Your newsletter settings');
    expect([checked(page.text, 'pause'), checked(page.text, 'cadence'), checked(page.text, 'level')]).toEqual(
      ['none', 'weekly', 'all'],
    );
    expect(page.text).toContain('<legend>How often</legend>');

    const saved = await h.client().post('/newsletter/manage/preferences', {
      token,
      pause: '4',
      cadence: 'biweekly',
      level: 'beginner',
    });
    expect(saved.status).toBe(200);
    expect(mainText(saved.text)).toContain('Saved. Your settings apply from the next issue.');
    expect(mainText(saved.text)).toMatch(/Stay paused until \d{4}-\d{2}-\d{2}/);
    expect([
      checked(saved.text, 'pause'),
      checked(saved.text, 'cadence'),
      checked(saved.text, 'level'),
    ]).toEqual(['keep', 'biweekly', 'beginner']);
    const { preferences } = await subscriber('prefs@example.com');
    expect(preferences).toMatchObject({ cadence: 'biweekly', level: 'beginner' });
    expect(preferences.pausedUntil).toEqual(new Date(h.clock.now().getTime() + 4 * WEEK));
    expect(preferences.cadenceParity === 0 || preferences.cadenceParity === 1).toBe(true);

    // The data export says what was chosen.
    const exported = await h.client().post('/newsletter/manage/export', { token });
    expect(JSON.parse(exported.text).subscriber.preferences).toMatchObject({
      cadence: 'biweekly',
      level: 'beginner',
      pausedUntil: preferences.pausedUntil!.toISOString(),
    });
  });

  it('a replayed form changes nothing more; "keep" keeps a pause and the every-other-week parity', async () => {
    const { token } = await subscribed('replay@example.com');
    const form = { token, pause: '2', cadence: 'biweekly', level: 'all' };
    await h.client().post('/newsletter/manage/preferences', form);
    const first = (await subscriber('replay@example.com')).preferences;
    await h.client().post('/newsletter/manage/preferences', form);
    expect((await subscriber('replay@example.com')).preferences).toEqual(first);
    // A week later, saving with the pause kept and the frequency unchanged moves neither.
    h.clock.advance(WEEK);
    await h.client().post('/newsletter/manage/preferences', { ...form, pause: 'keep' });
    expect((await subscriber('replay@example.com')).preferences).toEqual(first);
    // Ending the pause.
    await h.client().post('/newsletter/manage/preferences', { ...form, pause: 'none' });
    expect((await subscriber('replay@example.com')).preferences.pausedUntil).toBeNull();
  });

  it.each([
    [{ cadence: 'daily' }, '"daily" is not a choice for frequency. Choose one of: weekly, biweekly.'],
    [{ pause: '52' }, '"52" is not a choice for pause.'],
    // Escaped on the page, never markup.
    [{ level: '<script>' }, '"&lt;script&gt;" is not a choice for difficulty.'],
  ])('refuses %o with 400, says what is wrong and changes nothing', async (fields, message) => {
    const email = `bad-${Object.values(fields)[0]!.replace(/\W/g, '')}@example.com`;
    const { token } = await subscribed(email);
    const before = (await subscriber(email)).preferences;
    const reply = await h.client().post('/newsletter/manage/preferences', { token, ...fields });
    expect(reply.status).toBe(400);
    expect(mainText(reply.text)).toContain(message);
    expect(reply.text).not.toContain('<script>');
    expect((await subscriber(email)).preferences).toEqual(before);
  });

  it('a forged, expired or other-purpose token changes nothing and gets the same "not valid" page', async () => {
    const { token, id } = await subscribed('forged@example.com');
    const before = await subscriber('forged@example.com');
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const expired = signer.sign('manage', id, new Date(h.clock.now().getTime() - 1000));
    const unsubscribeToken = signer.sign('unsubscribe', id, null);
    const other = createTokenSigner('another-secret-0123456789abcdef').sign('manage', id, null);
    for (const bad of [forged, expired, unsubscribeToken, other, '']) {
      for (const path of ['/newsletter/manage/preferences', '/newsletter/manage/unsubscribe']) {
        const reply = await h.client().post(path, { token: bad, cadence: 'biweekly', level: 'beginner' });
        expect(reply.status, `${path} ${bad.slice(0, 8)}`).toBe(410);
        expect(mainText(reply.text)).toContain('That link has expired or is not valid');
      }
    }
    expect(await subscriber('forged@example.com')).toEqual(before);
  });

  it('unsubscribes from the page, idempotently, and then offers to subscribe again instead of settings', async () => {
    const { token } = await subscribed('leaver@example.com');
    for (let i = 0; i < 2; i++) {
      const reply = await h.client().post('/newsletter/manage/unsubscribe', { token });
      expect(reply.status).toBe(200);
      expect(mainText(reply.text)).toContain('You are unsubscribed. No further issues will be sent.');
      expect(reply.text).not.toContain('action="/newsletter/manage/preferences"');
      expect(reply.text).toContain('<a href="/newsletter">Subscribe again</a>');
    }
    expect((await subscriber('leaver@example.com')).status).toBe('unsubscribed');
  });
});

describe('the time zone in the preference center (local-time delivery)', () => {
  const selected = (text: string) => /<option value="([^"]+)" selected>/.exec(text)?.[1];

  it('offers the newsletter’s zone and every IANA zone, saves one, exports it, and a replay changes nothing', async () => {
    const { token } = await subscribed('zone@example.com');
    const page = await h.client().get(`/newsletter/manage?token=${token}`);
    expect(selected(page.text)).toBe('default');
    expect(mainText(page.text)).toContain("The newsletter's time zone (UTC)");
    expect(page.text).toContain('<option value="Asia/Tokyo">Asia/Tokyo</option>');

    for (let i = 0; i < 2; i++) {
      const saved = await h
        .client()
        .post('/newsletter/manage/preferences', { token, timeZone: 'Asia/Tokyo' });
      expect(saved.status).toBe(200);
      expect(mainText(saved.text)).toContain('Saved. Your settings apply from the next issue.');
      expect(selected(saved.text)).toBe('Asia/Tokyo');
    }
    const after = await subscriber('zone@example.com');
    expect(after.preferences).toMatchObject({ timeZone: 'Asia/Tokyo', cadence: 'weekly', level: 'all' });
    const exported = await h.client().post('/newsletter/manage/export', { token });
    expect(JSON.parse(exported.text).subscriber.preferences.timeZone).toBe('Asia/Tokyo');

    // Saving the other fields without the zone keeps it; "default" goes back to DIGEST_TZ.
    await h.client().post('/newsletter/manage/preferences', { token, level: 'beginner' });
    expect((await subscriber('zone@example.com')).preferences.timeZone).toBe('Asia/Tokyo');
    await h.client().post('/newsletter/manage/preferences', { token, timeZone: 'default' });
    expect((await subscriber('zone@example.com')).preferences.timeZone).toBeNull();
  });

  it.each([
    ['+09:00', '"+09:00" is not a time zone. Choose an IANA zone name such as Europe/Berlin'],
    ['Mars/Olympus_Mons', '"Mars/Olympus_Mons" is not a time zone.'],
    ['<img src=x>', '"&lt;img src=x&gt;" is not a time zone.'],
  ])('refuses the zone %s with 400, naming it, and stores nothing', async (timeZone, message) => {
    const email = `badzone-${timeZone.replace(/\W/g, '').toLowerCase()}@example.com`;
    const { token } = await subscribed(email);
    const before = (await subscriber(email)).preferences;
    const reply = await h.client().post('/newsletter/manage/preferences', {
      token,
      timeZone,
      cadence: 'biweekly',
    });
    expect(reply.status).toBe(400);
    expect(mainText(reply.text)).toContain(message);
    expect(reply.text).not.toContain('<img src=x>');
    expect((await subscriber(email)).preferences).toEqual(before);
  });

  it('a forged token cannot set a zone', async () => {
    const { token } = await subscribed('zone-forged@example.com');
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const reply = await h
      .client()
      .post('/newsletter/manage/preferences', { token: forged, timeZone: 'Asia/Tokyo' });
    expect(reply.status).toBe(410);
    expect((await subscriber('zone-forged@example.com')).preferences.timeZone).toBeNull();
  });
});
