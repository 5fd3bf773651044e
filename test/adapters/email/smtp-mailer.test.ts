import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, describeSmtpUrl } from '../../../src/adapters/email/smtp-mailer.js';
import type { OutgoingEmail } from '../../../src/core/newsletter/ports.js';
import { rawHeader } from './support/raw-header.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';
import { verifyDkim } from './support/verify-dkim.js';

const email = (to: string): OutgoingEmail => ({
  to,
  subject: 'Tokens: this week’s AI concept',
  html: '<p>Hello <strong>HTML</strong></p>',
  text: 'Hello text',
  headers: {
    'List-Id': 'Concept Tutor <digest.example.com>',
    'List-Unsubscribe': '<https://tutor.example.com/newsletter/unsubscribe?token=abc>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  messageId: '<2026-W48.d1@example.com>',
});

describe('createSmtpMailer against a real SMTP server', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({
      auth: { user: 'tutor', pass: 's3cret:/@' },
      onRecipient: (address) =>
        address.startsWith('busy')
          ? { code: 450, message: '4.2.1 Mailbox busy, try later' }
          : address.startsWith('gone')
            ? { code: 550, message: '5.1.1 No such user' }
            : null,
    });
  });
  afterAll(() => sink.close());

  it('sends both parts with the list headers, the Message-ID and the sender, and reports the 250', async () => {
    const mailer = createSmtpMailer({
      url: sink.url,
      from: '"Concept Tutor" <digest@example.com>',
      replyTo: 'team@example.com',
      rateLimit: 0,
      maxConnections: 2,
    });
    const result = await mailer.send(email('ada@example.com'));
    await mailer.close();
    expect(result).toMatchObject({ status: 'sent', messageId: '<2026-W48.d1@example.com>' });
    expect(result.status === 'sent' && result.response).toMatch(/^250 .*queued as Q\d+/);
    const parsed = await sink.messages.at(-1)!.parse();
    expect(parsed.from?.text).toBe('"Concept Tutor" <digest@example.com>');
    expect(parsed.replyTo?.text).toBe('team@example.com');
    expect(parsed.subject).toBe('Tokens: this week’s AI concept');
    expect(parsed.html).toContain('<strong>HTML</strong>');
    expect(parsed.text).toBe('Hello text');
    expect(parsed.messageId).toBe('<2026-W48.d1@example.com>');
    const raw = sink.messages.at(-1)!.raw;
    expect(rawHeader(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(raw, 'List-Unsubscribe')).toBe(
      '<https://tutor.example.com/newsletter/unsubscribe?token=abc>',
    );
    expect(rawHeader(raw, 'List-Id')).toBe('Concept Tutor <digest.example.com>');
  });

  it('classifies a 4xx as transient and a 5xx at RCPT as permanent', async () => {
    const mailer = createSmtpMailer({
      url: sink.url,
      from: 'digest@example.com',
      rateLimit: 0,
      maxConnections: 1,
    });
    expect(await mailer.send(email('busy@example.com'))).toEqual({
      status: 'failed',
      kind: 'transient',
      responseCode: 450,
      error: '4.2.1 Mailbox busy, try later',
    });
    expect(await mailer.send(email('gone@example.com'))).toEqual({
      status: 'failed',
      kind: 'permanent',
      responseCode: 550,
      error: '5.1.1 No such user',
    });
    // The pool survives a rejected recipient.
    expect(await mailer.send(email('ok@example.com'))).toMatchObject({ status: 'sent' });
    await mailer.close();
  });

  it('reports a wrong password or an unreachable server as unavailable, never as the recipient’s fault', async () => {
    const wrong = createSmtpMailer({
      url: sink.url.replace('s3cret', 'nope'),
      from: 'digest@example.com',
      rateLimit: 0,
      maxConnections: 1,
    });
    expect(await wrong.send(email('ada@example.com'))).toMatchObject({
      status: 'failed',
      kind: 'unavailable',
      responseCode: 535,
    });
    await wrong.close();
    const closed = await startSmtpSink();
    const url = closed.url;
    await closed.close();
    const down = createSmtpMailer({ url, from: 'digest@example.com', rateLimit: 0, maxConnections: 1 });
    const result = await down.send(email('ada@example.com'));
    await down.close();
    expect(result).toMatchObject({ status: 'failed', kind: 'unavailable' });
    expect(result.status === 'failed' && result.error).toMatch(/ECONNECTION|ECONNREFUSED/);
  });

  it('DKIM-signs with List-Unsubscribe and List-Unsubscribe-Post covered, verifiable with the public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const mailer = createSmtpMailer({
      url: sink.url,
      from: 'digest@example.com',
      rateLimit: 0,
      maxConnections: 1,
      // As it arrives from a one-line env var.
      dkim: { domainName: 'example.com', keySelector: 'tutor2026', privateKey: pem.replace(/\n/g, '\\n') },
    });
    await mailer.send(email('dkim@example.com'));
    await mailer.close();
    const verified = verifyDkim(sink.messages.at(-1)!.raw, publicKey);
    expect(verified).toMatchObject({ domain: 'example.com', selector: 'tutor2026' });
    expect(verified.signedHeaders).toEqual(
      expect.arrayContaining([
        'from',
        'subject',
        'message-id',
        'list-id',
        'list-unsubscribe',
        'list-unsubscribe-post',
      ]),
    );
  });

  it('rate-limits per process: 6 messages at 3/s take at least a second', async () => {
    const mailer = createSmtpMailer({
      url: sink.url,
      from: 'digest@example.com',
      rateLimit: 3,
      maxConnections: 3,
    });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => mailer.send(email(`rate${i}@example.com`))),
    );
    const elapsed = performance.now() - started;
    await mailer.close();
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });

  it('describes the server without credentials', () => {
    expect(describeSmtpUrl('smtps://user:pw@smtp.example.com')).toBe('SMTP smtp.example.com:465');
    expect(describeSmtpUrl('smtp://user:pw@relay:2525')).toBe('SMTP relay:2525');
  });
});
