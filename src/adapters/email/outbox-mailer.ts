import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { Mailer } from '../../core/newsletter/ports.js';
import type { Logger } from '../../core/ports.js';
import { toMailOptions } from './to-mail-options.js';

/**
 * The default {@link Mailer} when SMTP_URL is unset: every message becomes an
 * `.eml` file (open it in any mail client) under `dir`, and the log says
 * where. The digest job runs end to end on a fresh machine with nothing to set up.
 */
export function createOutboxMailer(options: {
  dir: string;
  from: string;
  replyTo?: string | undefined;
  logger: Logger;
}): Mailer {
  const dir = path.resolve(options.dir);
  const transport = createTransport(
    { streamTransport: true, buffer: true, newline: 'windows' },
    { from: options.from, ...(options.replyTo ? { replyTo: options.replyTo } : {}) },
  );
  let ready: Promise<unknown> | undefined;
  return {
    description: `outbox ${dir}`,
    async send(email) {
      try {
        ready ??= mkdir(dir, { recursive: true });
        await ready;
        const info = await transport.sendMail(toMailOptions(email));
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const who = email.to.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 60);
        const file = path.join(dir, `${stamp}_${who}_${randomBytes(3).toString('hex')}.eml`);
        await writeFile(file, info.message as Buffer);
        options.logger.info('email written to the outbox (set SMTP_URL to send for real)', {
          file,
          subject: email.subject,
        });
        return { status: 'sent', messageId: info.messageId, response: `written to ${file}` };
      } catch (error) {
        return {
          status: 'failed',
          kind: 'unavailable',
          error: `cannot write to the outbox ${dir}: ${(error as Error).message}`,
        };
      }
    },
    async close() {},
  };
}
