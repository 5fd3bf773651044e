import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../integration/newsletter/support/browser.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

const MAIL = { MAIL_FROM: 'Concept Tutor <digest@example.com>', SMTP_RATE_LIMIT: '0' };

/** POSTs the "email me my data" form as a fresh visitor. */
async function requestLink(h: WebHarness, email: string) {
  const client = h.client();
  await client.get('/newsletter/manage');
  return client.post('/newsletter/manage', { email });
}

describe('"email me my data" with the mail server down', () => {
  let h: WebHarness;
  beforeEach(async () => {
    // Nothing listens on this port: every send fails as "unavailable".
    h = await createWebHarness(
      { ...MAIL, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` },
      { database: true },
    );
  });
  afterEach(() => h.close());

  it('answers a known and an unknown address with the same status and page', async () => {
    const newsletter = h.container.newsletter!;
    await newsletter.services.subscribers.add({ email: 'known@example.com', consentSource: 'test' });
    const known = await requestLink(h, 'known@example.com');
    const unknown = await requestLink(h, 'unknown@example.com');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(mainText(known.text)).toContain(
      'If known@example.com is on our list, a link to download or delete its data is on its way to it.',
    );
    const page = (text: string, email: string) =>
      text.replaceAll(email, 'ADDRESS').replace(/value="[^"]*"/g, '');
    expect(page(unknown.text, 'unknown@example.com')).toBe(page(known.text, 'known@example.com'));
    // The failed send happens after the reply, and is logged for the operator.
    await newsletter.services.subscriptions.idle();
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'could not send the data link email' }),
    );
  });

  it('still refuses a malformed address with 400 and says why', async () => {
    const reply = await requestLink(h, 'not-an-address');
    expect(reply.status).toBe(400);
    expect(mainText(reply.text)).toContain('"not-an-address" is not a valid email address.');
  });
});

describe('"email me my data" throttling', () => {
  let h: WebHarness;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await createWebHarness({ ...MAIL, SMTP_URL: sink.url }, { database: true });
  });
  afterAll(async () => {
    await h.close();
    await sink.close();
  });

  it('sends one link for eight requests naming one address, and another once the window has passed', async () => {
    const newsletter = h.container.newsletter!;
    await newsletter.services.subscribers.add({ email: 'flooded@example.com', consentSource: 'test' });
    const replies = await Promise.all(Array.from({ length: 8 }, () => requestLink(h, 'flooded@example.com')));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    await newsletter.services.subscriptions.idle();
    expect(sink.messages.filter((m) => m.to.includes('flooded@example.com'))).toHaveLength(1);
    expect((await sink.messages[0]!.parse()).text).toMatch(/\/newsletter\/manage\?token=/);

    h.clock.advance(10 * 60_000);
    await requestLink(h, 'flooded@example.com');
    await newsletter.services.subscriptions.idle();
    expect(sink.messages.filter((m) => m.to.includes('flooded@example.com'))).toHaveLength(2);
  });
});
