import { describe, expect, it } from 'vitest';
import { resolveNewsletterConfig } from '../../../src/adapters/email/newsletter-settings.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';

const configOf = (env: Record<string, string>) => loadConfig(env);

describe('newsletter configuration', () => {
  it('runs with nothing set: outbox sender, link base from HOST:PORT with a warning', () => {
    const resolved = resolveNewsletterConfig(configOf({}));
    expect(resolved.from).toBe('"Concept Tutor" <newsletter@localhost>');
    expect(resolved.settings).toMatchObject({
      baseUrl: 'http://127.0.0.1:3000',
      listId: 'digest.localhost',
      timeZone: 'UTC',
      catchupHours: 24,
      postalAddress: null,
    });
    expect(resolved.warnings).toEqual([
      'PUBLIC_URL is not set, so every link in emails (article, use case, "view in browser", unsubscribe) points at http://127.0.0.1:3000, this machine\'s local address, which readers elsewhere cannot open. Set PUBLIC_URL to the service\'s public https address.',
    ]);
  });

  it('derives List-Id and Message-ID domain from MAIL_FROM and names the sender', () => {
    const resolved = resolveNewsletterConfig(
      configOf({
        MAIL_FROM: 'digest@Example.com',
        PUBLIC_URL: 'https://tutor.example.com/',
        NEWSLETTER_NAME: 'AI Weekly',
      }),
    );
    expect(resolved.from).toBe('"AI Weekly" <digest@Example.com>');
    expect(resolved.settings).toMatchObject({
      baseUrl: 'https://tutor.example.com',
      listId: 'digest.example.com',
      messageIdDomain: 'example.com',
      name: 'AI Weekly',
    });
    expect(resolved.warnings).toEqual([]);
  });

  it('warns loudly about what hurts real sending: no postal address, http links, no DKIM', () => {
    const resolved = resolveNewsletterConfig(
      configOf({
        SMTP_URL: 'smtp://u:p@smtp.example.com:587',
        MAIL_FROM: 'Tutor <digest@example.com>',
        PUBLIC_URL: 'http://tutor.example.com',
      }),
    );
    expect(resolved.warnings).toEqual([
      expect.stringMatching(
        /^POSTAL_ADDRESS is not set\. Commercial email must show a physical postal address \(CAN-SPAM\)/,
      ),
      expect.stringMatching(/one-click unsubscribe \(RFC 8058\) for https URLs/),
      expect.stringMatching(/^DKIM is off/),
    ]);
  });

  it('stops with a clear error when SMTP_URL is set without MAIL_FROM, or DKIM is half configured', () => {
    expect(() => resolveNewsletterConfig(configOf({ SMTP_URL: 'smtp://relay:25' }))).toThrow(ConfigError);
    expect(() => resolveNewsletterConfig(configOf({ SMTP_URL: 'smtp://relay:25' }))).toThrow(
      /MAIL_FROM: is required when SMTP_URL is set/,
    );
    expect(() => resolveNewsletterConfig(configOf({ DKIM_DOMAIN: 'example.com' }))).toThrow(
      /also set DKIM_SELECTOR and DKIM_PRIVATE_KEY, or unset all three/,
    );
  });

  it('rejects bad newsletter variables at load time, naming each one', () => {
    let message = '';
    try {
      configOf({
        SMTP_URL: 'http://x',
        MAIL_FROM: 'not an address',
        DIGEST_CRON: 'every tuesday',
        DIGEST_TZ: 'Mars/Base',
        LIST_ID: 'nodots',
        TOKEN_SECRET: 'short',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SMTP_URL: must be smtp://user:password@host:587');
    expect(message).toContain('MAIL_FROM: must be an email address, optionally with a name');
    expect(message).toContain('DIGEST_CRON: must be a cron expression such as "0 9 * * 2"');
    expect(message).toContain('DIGEST_TZ: must be an IANA time zone');
    expect(message).toContain('LIST_ID: must be a dotted name');
    expect(message).toContain('TOKEN_SECRET: must be at least 32 characters');
    expect(message).not.toContain('short');
  });
});
