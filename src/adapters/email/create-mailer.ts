import path from 'node:path';
import type { Config } from '../../config/env-schema.js';
import type { Mailer } from '../../core/newsletter/ports.js';
import type { Logger } from '../../core/ports.js';
import type { ResolvedNewsletterConfig } from './newsletter-settings.js';
import { createOutboxMailer } from './outbox-mailer.js';
import { createSmtpMailer } from './smtp-mailer.js';

/** SMTP when SMTP_URL is set, else the `.eml` outbox under DATA_DIR/outbox. */
export function createMailer(config: Config, resolved: ResolvedNewsletterConfig, logger: Logger): Mailer {
  if (!config.SMTP_URL) {
    return createOutboxMailer({
      dir: path.join(config.DATA_DIR, 'outbox'),
      from: resolved.from,
      replyTo: resolved.replyTo,
      logger,
    });
  }
  return createSmtpMailer({
    url: config.SMTP_URL,
    from: resolved.from,
    replyTo: resolved.replyTo,
    rateLimit: config.SMTP_RATE_LIMIT,
    maxConnections: config.SMTP_MAX_CONNECTIONS,
    dkim: resolved.dkim,
  });
}
