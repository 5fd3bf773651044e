import type { Config } from '../../config/env-schema.js';
import { ConfigError } from '../../core/errors.js';
import type { NewsletterSettings } from '../../core/newsletter/settings.js';
import type { DkimConfig } from './dkim-options.js';

/** Everything the newsletter reads from config, checked together. */
export interface ResolvedNewsletterConfig {
  settings: NewsletterSettings;
  /** The From header, always with a display name. */
  from: string;
  replyTo: string | undefined;
  dkim: DkimConfig | null;
  /** What works locally but hurts real sending; logged when the service starts and by digest commands. */
  warnings: string[];
}

const addressOf = (mailbox: string) => /<([^<>\s]+)>$/.exec(mailbox)?.[1] ?? mailbox;

/**
 * Cross-checks the newsletter's settings (things one zod field cannot see)
 * and lists what works locally but hurts real sending. Throws a ConfigError
 * naming the variables to set.
 */
export function resolveNewsletterConfig(config: Config): ResolvedNewsletterConfig {
  const warnings: string[] = [];
  const dkimVars = {
    DKIM_DOMAIN: config.DKIM_DOMAIN,
    DKIM_SELECTOR: config.DKIM_SELECTOR,
    DKIM_PRIVATE_KEY: config.DKIM_PRIVATE_KEY,
  };
  const missingDkim = Object.entries(dkimVars)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missingDkim.length > 0 && missingDkim.length < 3) {
    throw new ConfigError(
      `Invalid configuration, the service did not start:\n  DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together; also set ${missingDkim.join(' and ')}, or unset all three. See .env.example.`,
    );
  }
  if (config.SMTP_URL && !config.MAIL_FROM) {
    throw new ConfigError(
      'Invalid configuration, the service did not start:\n  MAIL_FROM: is required when SMTP_URL is set (it is not set). Use an address your provider lets you send from, e.g. MAIL_FROM="Concept Tutor <digest@example.com>". See .env.example.',
    );
  }
  const mailbox = config.MAIL_FROM ?? 'newsletter@localhost';
  const address = addressOf(mailbox);
  const from = mailbox.includes('<') ? mailbox : `"${config.NEWSLETTER_NAME}" <${address}>`;
  const domain = address.split('@')[1]!.toLowerCase();

  let baseUrl = config.PUBLIC_URL?.replace(/\/+$/, '');
  if (!baseUrl) {
    baseUrl = `http://${config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST}:${config.PORT}`;
    warnings.push(
      `PUBLIC_URL is not set, so every link in emails (article, use case, "view in browser", unsubscribe) points at ${baseUrl}, this machine's local address, which readers elsewhere cannot open. Set PUBLIC_URL to the service's public https address.`,
    );
  }
  if (config.SMTP_URL) {
    if (!config.POSTAL_ADDRESS) {
      warnings.push(
        'POSTAL_ADDRESS is not set. Commercial email must show a physical postal address (CAN-SPAM); set POSTAL_ADDRESS before sending the digest to real people.',
      );
    }
    if (!baseUrl.startsWith('https://')) {
      warnings.push(
        `links use ${baseUrl}; Gmail and Yahoo only offer one-click unsubscribe (RFC 8058) for https URLs. Set PUBLIC_URL to an https address.`,
      );
    }
    if (missingDkim.length === 3)
      warnings.push(
        'DKIM is off (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY unset); make sure your provider signs for your domain, or bulk mail will land in spam.',
      );
  }
  return {
    warnings,
    from,
    replyTo: config.MAIL_REPLY_TO,
    dkim:
      missingDkim.length === 0
        ? {
            domainName: config.DKIM_DOMAIN!,
            keySelector: config.DKIM_SELECTOR!,
            privateKey: config.DKIM_PRIVATE_KEY!,
          }
        : null,
    settings: {
      name: config.NEWSLETTER_NAME,
      listId: config.LIST_ID ?? `digest.${domain}`,
      postalAddress: config.POSTAL_ADDRESS ?? null,
      baseUrl,
      messageIdDomain: domain,
      timeZone: config.DIGEST_TZ,
      catchupHours: config.DIGEST_CATCHUP_HOURS,
    },
  };
}
