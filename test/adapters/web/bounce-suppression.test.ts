import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsletterRuntime } from '../../../src/wiring/newsletter.js';
import { createFakeSnsHttp } from '../../fakes/fake-sns-http.js';
import { SNS_TOPIC, snsMessage } from '../../fakes/webhook-signers.js';
import { type SmtpSink, startSmtpSink } from '../email/support/smtp-sink.js';
import { createWebHarness, mainText, type WebClient, type WebHarness } from './web-harness.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/webhooks');
const sample = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

let h: WebHarness;
let sink: SmtpSink;
let newsletter: NewsletterRuntime;
let admin: WebClient;
const sns = createFakeSnsHttp();

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createWebHarness(
    {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Concept Tutor <digest@example.com>',
      PUBLIC_URL: 'http://tutor.example.test',
      SMTP_RATE_LIMIT: '0',
      SES_SNS_TOPIC_ARNS: SNS_TOPIC,
    },
    { database: true, snsHttp: sns },
  );
  newsletter = h.container.newsletter!;
  await newsletter.services.subscribers.add({ email: 'jane@example.com', consentSource: 'import:test' });
  admin = h.client();
  await admin.login();
}, 180_000);
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

const post = async (body: unknown) => {
  const response = await h.client().request('/webhooks/email/ses', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
  });
  return { status: response.status, body: await response.text() };
};
const db = () => h.container.database!.prisma;

describe('a bounce notification, end to end', { timeout: 120_000 }, () => {
  it('suppresses the address, answers the same for a known and an unknown one, and a replay changes nothing', async () => {
    const bounce = snsMessage({
      Type: 'Notification',
      MessageId: 'e2e-1',
      Message: sample('ses-bounce.json'),
    });
    const known = await post(bounce);
    // richard@example.com is nobody's address here.
    const unknown = await post(
      snsMessage({ Type: 'Notification', MessageId: 'e2e-2', Message: sample('ses-complaint.json') }),
    );
    expect(known).toEqual({ status: 200, body: '{"ok":true}' });
    expect(unknown).toEqual(known);
    expect(await newsletter.services.bounces.isSuppressed('jane@example.com')).toBe(true);
    expect(await newsletter.services.bounces.isSuppressed('richard@example.com')).toBe(true);
    const jane = await db().subscriber.findUnique({ where: { email: 'jane@example.com' } });
    expect(jane?.status).toBe('bounced');

    const events = await db().bounceEvent.count();
    const suppressions = await db().emailSuppression.findMany();
    expect(await post(bounce)).toEqual(known);
    expect(await db().bounceEvent.count()).toBe(events);
    expect(await db().emailSuppression.findMany()).toEqual(suppressions);
  });

  it('changes nothing for a forged notification', async () => {
    const forged = {
      ...snsMessage({ Type: 'Notification', MessageId: 'e2e-3', Message: sample('ses-bounce.json') }),
      Message: sample('ses-bounce.json').replace('jane@example.com', 'victim@example.com'),
    };
    expect((await post(forged)).status).toBe(401);
    expect(await newsletter.services.bounces.isSuppressed('victim@example.com')).toBe(false);
  });

  it('never emails a suppressed address again, and the reply does not tell', async () => {
    const before = sink.messages.length;
    const suppressed = await newsletter.subscriptions.subscribe({ email: 'jane@example.com', source: 'web' });
    const fresh = await newsletter.subscriptions.subscribe({ email: 'new@example.com', source: 'web' });
    expect(suppressed.message).toBe(fresh.message.replace('new@example.com', 'jane@example.com'));
    await newsletter.services.subscriptions.requestManageLink({ email: 'jane@example.com' });
    await newsletter.services.subscriptions.idle();
    const sent = sink.messages.slice(before).flatMap((m) => m.to);
    expect(sent).toEqual(['new@example.com']);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('shows the suppression list and the reason on the admin subscribers page', async () => {
    const main = mainText((await admin.get('/admin/subscribers?q=jane')).text);
    expect(main).toContain('Suppressed addresses: 2');
    expect(main).toMatch(/jane@example\.com bounced .*suppressed \(hard-bounce via ses\)/);
    expect(main).toMatch(/richard@example\.com complaint ses/);
  });
});
