import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { emailWebhookVerifiers } from '../../../src/adapters/email/webhooks/providers.js';
import { registerEmailWebhookRoutes } from '../../../src/adapters/web/routes/webhooks/email-webhook-routes.js';
import type { BounceEvent } from '../../../src/core/newsletter/bounce-events.js';
import { createFakeSnsHttp } from '../../fakes/fake-sns-http.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import {
  MAILGUN_KEY,
  mailgunBody,
  RESEND_SECRET,
  SNS_TOPIC,
  sendgridKeys,
  snsMessage,
  svixHeaders,
} from '../../fakes/webhook-signers.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/webhooks');
const sample = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const sampleJson = (name: string) => JSON.parse(sample(name)) as Record<string, unknown>;

const NOW = new Date('2026-11-24T10:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;
const POSTMARK_AUTH = `Basic ${Buffer.from('postmark:pm-password-0123456789abcdef').toString('base64')}`;
const POSTMARK_TOKEN = 'pm-token-0123456789abcdef01';
const sendgrid = sendgridKeys();

/** The route on real verifiers, with a bounce service that records what it is given. */
function setup(config: Record<string, string> = {}) {
  let now = NOW.getTime();
  const clock = { now: () => new Date(now) };
  const logger = createRecordingLogger();
  const sns = createFakeSnsHttp();
  const recorded: BounceEvent[][] = [];
  const verifiers = emailWebhookVerifiers(
    {
      SES_SNS_TOPIC_ARNS: SNS_TOPIC,
      POSTMARK_WEBHOOK_USER: 'postmark',
      POSTMARK_WEBHOOK_PASSWORD: 'pm-password-0123456789abcdef',
      POSTMARK_WEBHOOK_TOKEN: POSTMARK_TOKEN,
      MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
      RESEND_WEBHOOK_SECRET: RESEND_SECRET,
      ...config,
    },
    { clock, logger, snsHttp: sns },
  );
  const app = new Hono();
  registerEmailWebhookRoutes(
    app,
    { logger },
    {
      verifiers,
      bounces: {
        async record(events) {
          recorded.push([...events]);
          return { duplicate: 0, recorded: events.length, suppressed: 0, 'already-suppressed': 0 };
        },
      },
    },
  );
  const post = async (provider: string, body: string, headers: Record<string, string> = {}) => {
    const response = await app.request(`/webhooks/email/${provider}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { app, post, recorded, sns, logger, advance: (ms: number) => (now += ms) };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

const OK = { status: 200, body: { ok: true } };

describe('POST /webhooks/email/ses (SNS)', () => {
  const notification = (version: '1' | '2', over: Record<string, string> = {}) =>
    snsMessage(
      { Type: 'Notification', MessageId: 'sns-1', Message: sample('ses-bounce.json'), ...over },
      { version },
    );

  it.each(['1', '2'] as const)('accepts SignatureVersion %s and maps the SES bounce', async (version) => {
    expect(await t.post('ses', JSON.stringify(notification(version)))).toEqual(OK);
    expect(t.recorded).toEqual([
      [
        {
          provider: 'ses',
          eventId: 'sns-1',
          email: 'jane@example.com',
          kind: 'hard-bounce',
          occurredAt: new Date('2016-01-27T14:59:38.237Z'),
          detail: 'Permanent General smtp; 550 5.1.1 <jane@example.com>... User',
        },
      ],
    ]);
    // The certificate was fetched once, from the SNS host, then cached.
    await t.post('ses', JSON.stringify(notification(version, { MessageId: 'sns-2' })));
    expect(t.sns.calls.filter((c) => c.endsWith('.pem'))).toHaveLength(1);
  });

  it('maps a complaint (with a Subject, which is signed too)', async () => {
    const body = snsMessage({
      Type: 'Notification',
      MessageId: 'sns-c',
      Subject: 'Amazon SES Email Event Notification',
      Message: sample('ses-complaint.json'),
    });
    expect(await t.post('ses', JSON.stringify(body))).toEqual(OK);
    expect(t.recorded[0]?.[0]).toMatchObject({ email: 'richard@example.com', kind: 'complaint' });
  });

  it('refuses a forged message: changed Message, changed Subject, or a signature of another key', async () => {
    const forged = { ...notification('2'), Message: sample('ses-complaint.json') };
    expect((await t.post('ses', JSON.stringify(forged))).status).toBe(401);
    const subject = { ...notification('1'), Subject: 'added later' };
    expect((await t.post('ses', JSON.stringify(subject))).status).toBe(401);
    const garbage = { ...notification('2'), Signature: Buffer.from('x'.repeat(256)).toString('base64') };
    expect((await t.post('ses', JSON.stringify(garbage))).status).toBe(401);
    expect(t.recorded).toEqual([]);
  });

  it('never fetches a certificate from a host that is not sns.<region>.amazonaws.com over https', async () => {
    for (const certUrl of [
      'https://evil.example.com/SimpleNotificationService.pem',
      'http://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem',
      'https://sns.us-east-1.amazonaws.com.evil.example/x.pem',
      'https://sns.us-east-1.amazonaws.com:8443/x.pem',
      'https://user@sns.us-east-1.amazonaws.com/x.pem',
    ]) {
      const body = snsMessage({ Type: 'Notification', MessageId: 'sns-x', Message: '{}' }, { certUrl });
      expect((await t.post('ses', JSON.stringify(body))).status).toBe(401);
    }
    expect(t.sns.calls).toEqual([]);
    expect(t.recorded).toEqual([]);
  });

  it('refuses a well-signed message of a topic not in SES_SNS_TOPIC_ARNS', async () => {
    const other = snsMessage({
      Type: 'Notification',
      MessageId: 'sns-o',
      Message: sample('ses-bounce.json'),
      TopicArn: 'arn:aws:sns:us-east-1:999999999999:someone-else',
    });
    expect((await t.post('ses', JSON.stringify(other))).status).toBe(401);
    expect(t.recorded).toEqual([]);
  });

  it('confirms a subscription only for an allowed topic, and only at an SNS host', async () => {
    const subscribeUrl =
      'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=2336412f37';
    const confirmation = (over: Record<string, string>) =>
      snsMessage({
        Type: 'SubscriptionConfirmation',
        MessageId: 'sub-1',
        Token: '2336412f37',
        Message: 'You have chosen to subscribe to the topic.',
        SubscribeURL: subscribeUrl,
        ...over,
      });
    expect(await t.post('ses', JSON.stringify(confirmation({})))).toEqual(OK);
    expect(t.sns.calls).toContain(subscribeUrl);

    const before = t.sns.calls.length;
    const foreign = confirmation({ TopicArn: 'arn:aws:sns:us-east-1:999999999999:other' });
    expect((await t.post('ses', JSON.stringify(foreign))).status).toBe(401);
    const elsewhere = confirmation({ SubscribeURL: 'https://evil.example.com/?Action=ConfirmSubscription' });
    expect((await t.post('ses', JSON.stringify(elsewhere))).status).toBe(401);
    expect(t.sns.calls.length).toBe(before);
    expect(t.recorded.flat()).toEqual([]);
  });

  it('answers 400 naming the problem for a body that is not JSON', async () => {
    const result = await t.post('ses', '{"Type":');
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/not valid JSON/);
  });
});

describe('POST /webhooks/email/postmark', () => {
  const headers = { authorization: POSTMARK_AUTH, 'X-Postmark-Webhook-Token': POSTMARK_TOKEN };

  it('accepts the bounce and spam complaint samples with basic auth and the token', async () => {
    expect(await t.post('postmark', sample('postmark-bounce.json'), headers)).toEqual(OK);
    expect(await t.post('postmark', sample('postmark-spam-complaint.json'), headers)).toEqual(OK);
    expect(
      t.recorded.map((e) => e[0] && { email: e[0].email, kind: e[0].kind, eventId: e[0].eventId }),
    ).toEqual([
      { email: 'john@example.com', kind: 'hard-bounce', eventId: '4323372036854775807' },
      { email: 'john@example.com', kind: 'complaint', eventId: '42' },
    ]);
  });

  it('refuses a wrong or missing password or token', async () => {
    const wrongAuth = `Basic ${Buffer.from('postmark:guess').toString('base64')}`;
    const attempts: Array<Record<string, string>> = [
      {},
      { ...headers, authorization: wrongAuth },
      { authorization: POSTMARK_AUTH },
      { ...headers, 'X-Postmark-Webhook-Token': 'x'.repeat(26) },
    ];
    for (const h of attempts)
      expect((await t.post('postmark', sample('postmark-bounce.json'), h)).status).toBe(401);
    expect(t.recorded).toEqual([]);
  });

  it('works with a token alone when no basic auth is configured', async () => {
    const only = setup({ POSTMARK_WEBHOOK_USER: '', POSTMARK_WEBHOOK_PASSWORD: '' });
    expect(
      await only.post('postmark', sample('postmark-bounce.json'), {
        'X-Postmark-Webhook-Token': POSTMARK_TOKEN,
      }),
    ).toEqual(OK);
  });

  it('refuses to start with half of the basic-auth pair', () => {
    expect(() => setup({ POSTMARK_WEBHOOK_PASSWORD: '' })).toThrow(/POSTMARK_WEBHOOK_PASSWORD/);
  });
});

describe('POST /webhooks/email/mailgun', () => {
  it('maps failed permanent, failed temporary and complained', async () => {
    for (const name of [
      'mailgun-failed-permanent.json',
      'mailgun-failed-temporary.json',
      'mailgun-complained.json',
    ])
      expect(await t.post('mailgun', mailgunBody(sampleJson(name), NOW_S))).toEqual(OK);
    expect(t.recorded.map((e) => [e[0]?.email, e[0]?.kind, e[0]?.eventId])).toEqual([
      ['alice@example.com', 'hard-bounce', 'G9Bn5sl1TC6nu79C8C0bwg'],
      ['alice@example.com', 'soft-bounce', 'Fs7-5t81S2ms-j7h6IGfZw'],
      ['alice@example.com', 'complaint', '-Agny091SquKnsrW2NEKUA'],
    ]);
  });

  it('refuses a forged signature and a signature from another key', async () => {
    const body = JSON.parse(mailgunBody(sampleJson('mailgun-failed-permanent.json'), NOW_S));
    body.signature.signature = body.signature.signature.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a'));
    expect((await t.post('mailgun', JSON.stringify(body))).status).toBe(401);
    const other = setup({ MAILGUN_WEBHOOK_SIGNING_KEY: 'key-another-one-0123456789abcdef' });
    expect(
      (await other.post('mailgun', mailgunBody(sampleJson('mailgun-complained.json'), NOW_S))).status,
    ).toBe(401);
    expect([...t.recorded, ...other.recorded]).toEqual([]);
  });

  it('refuses a replay once its timestamp is stale, and a timestamp from the future', async () => {
    const body = mailgunBody(sampleJson('mailgun-failed-permanent.json'), NOW_S);
    expect(await t.post('mailgun', body)).toEqual(OK);
    t.advance(6 * 60_000);
    expect((await t.post('mailgun', body)).status).toBe(401);
    expect(
      (await t.post('mailgun', mailgunBody(sampleJson('mailgun-complained.json'), NOW_S + 3600))).status,
    ).toBe(401);
    expect(t.recorded).toHaveLength(1);
  });
});

describe('POST /webhooks/email/sendgrid', () => {
  const body = sample('sendgrid-events.json');

  it('maps bounce (hard), blocked (soft) and spamreport, and ignores delivered', async () => {
    expect(await t.post('sendgrid', body, sendgrid.headers(body, NOW_S))).toEqual(OK);
    expect(t.recorded[0]?.map((e) => [e.email, e.kind, e.eventId])).toEqual([
      ['example@test.com', 'hard-bounce', '6g4ZI7SA-xmRDv57GoPIPw=='],
      ['blocked@test.com', 'soft-bounce', '9h5TI7SA-xmRDv57GoPIPw=='],
      ['spam@test.com', 'complaint', '37nvH5QBz858KGVYCM4uOA=='],
    ]);
  });

  it('refuses a changed body, a changed timestamp, another key, and missing headers', async () => {
    const headers = sendgrid.headers(body, NOW_S);
    expect((await t.post('sendgrid', body.replace('spam@test.com', 'other@test.com'), headers)).status).toBe(
      401,
    );
    const moved = { ...headers, 'X-Twilio-Email-Event-Webhook-Timestamp': String(NOW_S + 1) };
    expect((await t.post('sendgrid', body, moved)).status).toBe(401);
    expect((await t.post('sendgrid', body, sendgridKeys().headers(body, NOW_S))).status).toBe(401);
    expect((await t.post('sendgrid', body)).status).toBe(401);
    expect(t.recorded).toEqual([]);
  });

  it('refuses a replay once its timestamp is stale', async () => {
    const headers = sendgrid.headers(body, NOW_S);
    expect(await t.post('sendgrid', body, headers)).toEqual(OK);
    t.advance(5 * 60_000 + 1000);
    expect((await t.post('sendgrid', body, headers)).status).toBe(401);
    expect(t.recorded).toHaveLength(1);
  });

  it('answers 400 for a signed body that is not an array of events', async () => {
    const odd = '{"event":"bounce"}';
    const result = await t.post('sendgrid', odd, sendgrid.headers(odd, NOW_S));
    expect(result).toEqual({ status: 400, body: { error: 'The body is not a JSON array of events.' } });
  });
});

describe('POST /webhooks/email/resend (Svix)', () => {
  it('maps email.bounced (Permanent: hard) and email.complained, keyed on svix-id', async () => {
    const bounced = sample('resend-email-bounced.json');
    const complained = sample('resend-email-complained.json');
    expect(await t.post('resend', bounced, svixHeaders(bounced, 'msg_1', NOW_S))).toEqual(OK);
    expect(await t.post('resend', complained, svixHeaders(complained, 'msg_2', NOW_S))).toEqual(OK);
    expect(t.recorded.map((e) => [e[0]?.email, e[0]?.kind, e[0]?.eventId])).toEqual([
      ['delivered@resend.dev', 'hard-bounce', 'msg_1'],
      ['delivered@resend.dev', 'complaint', 'msg_2'],
    ]);
  });

  it('accepts any matching signature of several (key rotation) and refuses forged ones', async () => {
    const body = sample('resend-email-bounced.json');
    const headers = svixHeaders(body, 'msg_3', NOW_S);
    const rotated = { ...headers, 'svix-signature': `v1,bm90LWl0 ${headers['svix-signature']}` };
    expect(await t.post('resend', body, rotated)).toEqual(OK);
    expect((await t.post('resend', body, { ...headers, 'svix-id': 'msg_4' })).status).toBe(401);
    expect((await t.post('resend', body.replace('Permanent', 'Transient'), headers)).status).toBe(401);
    const other = `whsec_${Buffer.from('another-secret-0123456789').toString('base64')}`;
    expect((await t.post('resend', body, svixHeaders(body, 'msg_5', NOW_S, other))).status).toBe(401);
    expect(t.recorded).toHaveLength(1);
  });

  it('refuses a replay once its timestamp is stale', async () => {
    const body = sample('resend-email-bounced.json');
    const headers = svixHeaders(body, 'msg_6', NOW_S);
    expect(await t.post('resend', body, headers)).toEqual(OK);
    t.advance(10 * 60_000);
    expect((await t.post('resend', body, headers)).status).toBe(401);
    expect(t.recorded).toHaveLength(1);
  });
});

describe('the endpoint', () => {
  it('answers 404 alike for an unknown provider and one that is not configured', async () => {
    const bare = setup({
      SES_SNS_TOPIC_ARNS: '',
      POSTMARK_WEBHOOK_USER: '',
      POSTMARK_WEBHOOK_PASSWORD: '',
      POSTMARK_WEBHOOK_TOKEN: '',
      MAILGUN_WEBHOOK_SIGNING_KEY: '',
      SENDGRID_WEBHOOK_PUBLIC_KEY: '',
      RESEND_WEBHOOK_SECRET: '',
    });
    const unknown = await t.post('sparkpost', '{}');
    const unconfigured = await bare.post('mailgun', '{}');
    const prototype = await t.post('constructor', '{}');
    expect(unknown.status).toBe(404);
    expect(unconfigured).toEqual(unknown);
    expect(prototype).toEqual(unknown);
  });

  it('refuses a body over the size limit with 413 before verifying anything', async () => {
    const big = `[${'"x",'.repeat(140_000)}"x"]`;
    const result = await t.post('sendgrid', big, sendgrid.headers(big, NOW_S));
    expect(result.status).toBe(413);
    expect(t.recorded).toEqual([]);
  });

  it('logs a rejection with the provider and reason, never the secret', async () => {
    await t.post('mailgun', mailgunBody(sampleJson('mailgun-complained.json'), NOW_S - 3600));
    const line = t.logger.lines.find((l) => l.message === 'rejected an email webhook');
    expect(line?.fields).toMatchObject({ provider: 'mailgun', reason: 'stale Mailgun timestamp' });
    expect(JSON.stringify(t.logger.lines)).not.toContain(MAILGUN_KEY);
  });
});
