import { createTransport } from 'nodemailer';
import type { Mailer } from '../../core/newsletter/ports.js';
import { classifySmtpError } from './classify-smtp-error.js';
import { type DkimConfig, dkimOptions } from './dkim-options.js';
import { toMailOptions } from './to-mail-options.js';

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465 or smtp://relay:587. */
  url: string;
  from: string;
  replyTo?: string | undefined;
  /** Messages per second for this process (0 = unlimited); divide the provider's limit across replicas. */
  rateLimit: number;
  /** Pooled connections; the digest keeps twice this many messages in flight (decision 009). */
  maxConnections: number;
  dkim?: DkimConfig | null;
}

/** Where a URL points, without credentials. */
export function describeSmtpUrl(url: string): string {
  const parsed = new URL(url);
  return `SMTP ${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587')}`;
}

/**
 * The production {@link Mailer}: one pooled nodemailer transport per process
 * (connections are reused across messages, and nodemailer's rateDelta/rateLimit
 * applies across the pool). Failures come back classified, never thrown.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = createTransport(
    {
      pool: true,
      url: options.url,
      maxConnections: options.maxConnections,
      // Reconnect now and then; long-lived sessions are where providers drop mail silently.
      maxMessages: 500,
      ...(options.rateLimit > 0 ? { rateDelta: 1000, rateLimit: options.rateLimit } : {}),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      // nodemailer waits 10 minutes by default; a stuck server must not hold a claim past its lease.
      socketTimeout: 60_000,
      ...(options.dkim ? { dkim: dkimOptions(options.dkim) } : {}),
    },
    { from: options.from, ...(options.replyTo ? { replyTo: options.replyTo } : {}) },
  );
  return {
    description: describeSmtpUrl(options.url),
    async send(email) {
      try {
        const info = await transport.sendMail(toMailOptions(email));
        return { status: 'sent', messageId: info.messageId, response: String(info.response ?? '') };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
