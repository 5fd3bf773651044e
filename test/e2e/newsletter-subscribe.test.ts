import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHeader } from '../adapters/email/support/raw-header.js';
import { type SmtpSink, startSmtpSink } from '../adapters/email/support/smtp-sink.js';
import {
  collectPageErrors,
  E2E_SKIP_REASON,
  type E2eService,
  hasChromium,
  launchBrowser,
  screenshot,
  startE2eService,
  VIEWPORTS,
} from './e2e-harness.js';

/** The first link in a plain-text email that starts with `prefix`. */
function linkIn(text: string, prefix: string): string {
  const url = text.match(/https?:\/\/\S+/g)?.find((u) => u.startsWith(prefix));
  if (!url) throw new Error(`no ${prefix} link in:\n${text}`);
  return url;
}

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'e2e: subscribe, confirm from the email, unsubscribe'
    : `e2e: newsletter [skipped: ${E2E_SKIP_REASON}]`,
  () => {
    let browser: Browser;
    let app: E2eService;
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
      [browser, app] = await Promise.all([
        launchBrowser(),
        startE2eService({
          SMTP_URL: sink.url,
          MAIL_FROM: 'Concept Tutor <digest@example.com>',
          SMTP_RATE_LIMIT: '0',
        }),
      ]);
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await sink?.close();
    });

    it('double opt-in through a real SMTP server, then a one-click unsubscribe from the digest', async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.phone });
      const page = await context.newPage();
      const errors = collectPageErrors(page);

      // An invalid address gets a clear error next to the field, and nothing is sent.
      await page.goto(`${app.baseUrl}/`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Newsletter' }).click();
      await page.getByLabel('Email address').fill('not-an-address');
      await page.getByRole('button', { name: 'Subscribe' }).click();
      expect(await page.getByRole('alert').innerText()).toContain(
        '"not-an-address" is not a valid email address',
      );
      expect(sink.accepted).toBe(0);

      await page.getByLabel('Email address').fill('Reader@Example.com');
      await page.getByRole('button', { name: 'Subscribe' }).click();
      expect(await page.getByRole('status').innerText()).toContain('a confirmation link is on its way');
      await screenshot(page, 'newsletter-check-inbox-phone');

      await sink.waitFor(1);
      const confirmation = await sink.messages[0]!.parse();
      expect(sink.messages[0]!.to).toEqual(['reader@example.com']);
      const confirmUrl = linkIn(confirmation.text ?? '', `${app.baseUrl}/newsletter/confirm?token=`);

      // Opening the link only asks (mail scanners open links too); the button confirms.
      await page.goto(confirmUrl);
      await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
      expect(await page.getByRole('status').innerText()).toContain('reader@example.com will get');
      const runtime = app.service.container.newsletter!;
      expect(
        await (await runtime.services.subscribers.search({ query: 'reader@example.com' })).subscribers[0],
      ).toMatchObject({
        status: 'active',
        consentSource: 'web',
      });

      // The weekly job sends the digest with a List-Unsubscribe header and a visible link.
      await runtime.digestJob.runNow();
      await sink.waitFor(2);
      const digest = sink.messages[1]!;
      expect(rawHeader(digest.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const unsubscribeUrl = linkIn(
        (await digest.parse()).text ?? '',
        `${app.baseUrl}/newsletter/unsubscribe?token=`,
      );
      expect(rawHeader(digest.raw, 'List-Unsubscribe')).toBe(`<${unsubscribeUrl}>`);

      await page.goto(unsubscribeUrl);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Unsubscribe from /);
      expect(
        (await (await runtime.services.subscribers.search({ query: 'reader@example.com' })).subscribers[0])
          ?.status,
      ).toBe('active');
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      expect(await page.getByRole('status').innerText()).toContain(
        'reader@example.com will get no further issues',
      );
      expect(
        (await (await runtime.services.subscribers.search({ query: 'reader@example.com' })).subscribers[0])
          ?.status,
      ).toBe('unsubscribed');
      await screenshot(page, 'newsletter-unsubscribed-phone');

      // The issue that went out is in the public archive.
      await page.goto(`${app.baseUrl}/archive`);
      await page.locator('.cards a').first().click();
      expect(page.url()).toMatch(/\/archive\/\d{4}-W\d{2}$/);
      expect(await page.getByRole('heading', { name: 'What it is' }).count()).toBe(1);

      expect(errors).toEqual([]);
      expect(app.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
      await context.close();
    });

    it("pre-fills the confirm page's time zone from the browser, and the confirming click stores it", async () => {
      // A reader whose browser runs in Tokyo (Playwright sets the zone Intl reports).
      const context = await browser.newContext({ viewport: VIEWPORTS.phone, timezoneId: 'Asia/Tokyo' });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const before = sink.accepted;
      await page.goto(`${app.baseUrl}/newsletter`);
      await page.getByLabel('Email address').fill('kenji@example.com');
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await sink.waitFor(before + 1);
      const confirmation = await sink.messages.at(-1)!.parse();
      await page.goto(linkIn(confirmation.text ?? '', `${app.baseUrl}/newsletter/confirm?token=`));
      const zone = page.getByLabel('Time zone');
      // The deferred script has run: goto waits for the load event.
      expect(await zone.inputValue()).toBe('Asia/Tokyo');
      await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
      expect(await page.getByRole('status').innerText()).toContain('kenji@example.com will get');
      const runtime = app.service.container.newsletter!;
      const [kenji] = (await runtime.services.subscribers.search({ query: 'kenji@example.com' })).subscribers;
      expect(kenji).toMatchObject({ status: 'active', preferences: { timeZone: 'Asia/Tokyo' } });
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
