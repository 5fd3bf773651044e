import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebApp } from '../../src/adapters/web/create-web-app.js';
import { webDepsFrom } from '../../src/adapters/web/web-deps-from.js';
import { createClickTokens } from '../../src/core/newsletter/click-token.js';
import { createRecallTokens } from '../../src/core/newsletter/recall-token.js';
import { createTokenSigner } from '../../src/core/newsletter/tokens.js';
import { type SmtpSink, startSmtpSink } from '../adapters/email/support/smtp-sink.js';
import {
  type AxeFinding,
  collectPageErrors,
  E2E_SKIP_REASON,
  type E2eService,
  hasChromium,
  launchBrowser,
  loginAsAdmin,
  overflowsHorizontally,
  preloadAxe,
  runAxe,
  screenshot,
  startE2eService,
  VIEWPORTS,
} from './e2e-harness.js';

const TOKEN_SECRET = 'a11y-token-secret-0123456789abcdef';

/**
 * The key pages are always shot, as `<name>-<phone|desktop>.png` (docs/web.md lists them). A
 * screenshot of every page in both widths is about 90 full-page PNGs, a sixth of the walk's time,
 * so the rest are shot only with E2E_SCREENSHOTS=all, as `a11y-<name>-<size>.png`.
 */
const KEY_PAGES = new Set([
  'home',
  'concept',
  'ask-answer',
  'admin-content-editor',
  'admin-questions',
  'admin-digest',
  'admin-subscribers',
]);
const SCREENSHOT_EVERY_PAGE = process.env.E2E_SCREENSHOTS === 'all';

/** GET routes that are not pages: machine endpoints, redirects, downloads, and the email inside the digest page's frame. */
const NOT_PAGES = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/concepts',
  '/newsletter/subscribe',
  '/admin/subscribers/export.csv',
  '/admin/learning/export.csv',
  '/admin/digest/preview',
  '/archive/feed.xml',
  '/archive/feed.json',
  // The click redirect: a 302 to the page (its 400 and 404 pages are visited below).
  '/r/:id',
]);

/** One page to check: its route (as the app declares it) and how to get the browser there. */
interface Visit {
  route: string;
  name: string;
  open(page: Page): Promise<void>;
}

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'e2e: accessibility (axe-core), fit and page errors of every page, on a phone and a desktop'
    : `e2e: accessibility [skipped: ${E2E_SKIP_REASON}]`,
  () => {
    let browser: Browser;
    let app: E2eService;
    let sink: SmtpSink;
    let weekKey: string;
    const signer = createTokenSigner(TOKEN_SECRET);
    const recallTokens = createRecallTokens(TOKEN_SECRET);

    /** A digest's "Check yourself" link for the reader of the issue that went out. */
    async function recallLink(): Promise<string> {
      const concept = app.service.container.content.store
        .current()
        .concepts.find((c) => c.checkYourself.length > 0)!;
      const token = recallTokens.sign(
        {
          subscriberId: await subscriberId('reader@example.com'),
          weekKey,
          itemId: concept.checkYourself[0]!.id,
          choice: 0,
        },
        new Date(Date.now() + 24 * 3_600_000),
      );
      return `/practice/email/${token}`;
    }

    beforeAll(async () => {
      sink = await startSmtpSink();
      [browser, app] = await Promise.all([
        launchBrowser(),
        startE2eService({
          SMTP_URL: sink.url,
          MAIL_FROM: 'Concept Tutor <digest@example.com>',
          SMTP_RATE_LIMIT: '0',
          TOKEN_SECRET,
          PUBLIC_RATE_LIMIT: '0',
        }),
      ]);
      // Something on every admin page: answers, gaps, a 👎, subscribers and an issue that went out.
      const { tutor, questionLog } = app.service.container;
      await tutor.ask({ question: 'What is a context window?', platform: 'slack', userId: 'U1' });
      for (const question of ['How do I book parking at the office?', 'Is there parking near the office?'])
        await tutor.ask({ question, platform: 'discord', userId: 'D1' });
      const { questionId } = await tutor.ask({
        question: 'When should I lower the temperature?',
        platform: 'web',
        userId: 'W1',
      });
      await questionLog.setFeedback(questionId!, -1, 'Wanted an example with numbers');
      const runtime = app.service.container.newsletter!;
      await runtime.subscriptions.addConsented({ email: 'reader@example.com', consentSource: 'import:a11y' });
      await runtime.digestJob.runNow();
      weekKey = (await runtime.services.digest.archive())[0]!.weekKey;
      // One counted click, so the admin digest page shows its click tables.
      await sink.waitFor(1);
      const digestText = (await sink.messages.at(-1)!.parse()).text ?? '';
      const counted = digestText.match(/https?:\/\/\S+\/r\/[A-Za-z0-9_-]+/)![0];
      const clicked = await fetch(`${app.baseUrl}${new URL(counted).pathname}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' },
      });
      expect(clicked.status).toBe(302);
      await runtime.services.clicks!.idle();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await sink?.close();
    });

    async function subscriberId(email: string): Promise<string> {
      return (await (
        await app.service.container.newsletter!.services.subscribers.search({ query: email })
      ).subscribers[0])!.id;
    }

    /** The confirmation link mailed to `email`. */
    async function confirmLink(email: string): Promise<string> {
      await expect.poll(() => sink.countFor(email)).toBeGreaterThan(0);
      const message = sink.messages.filter((m) => m.to.includes(email)).at(-1)!;
      const text = (await message.parse()).text ?? '';
      return text.match(/https?:\/\/\S+\/newsletter\/confirm\?token=\S+/)![0];
    }

    /** Every page, in an order that builds the state the next one needs. */
    function visits(size: string): Visit[] {
      const base = app.baseUrl;
      const email = `a11y-${size}@example.com`;
      const go = (path: string) => async (page: Page) => {
        await page.goto(`${base}${path}`);
      };
      const future = new Date(Date.now() + 24 * 3_600_000);
      return [
        { route: '/', name: 'home', open: go('/') },
        {
          route: '/',
          name: 'home-answer',
          open: async (page) => {
            await page.goto(`${base}/`);
            await page.getByLabel('Ask the tutor').fill('What is a context window?');
            await page.getByRole('button', { name: 'Ask', exact: true }).click();
            await page.locator('#conversation .turn .sources').waitFor();
          },
        },
        { route: '/concepts/:slug', name: 'concept', open: go('/concepts/rag') },
        { route: '/use-cases', name: 'use-cases', open: go('/use-cases') },
        {
          route: '/use-cases/:slug',
          name: 'use-case',
          open: async (page) => {
            await page.goto(`${base}/use-cases`);
            await page.locator('.cards a').first().click();
            await page.waitForURL(/\/use-cases\/[\w-]+$/);
          },
        },
        { route: '/ask', name: 'ask', open: go('/ask') },
        { route: '/practice', name: 'practice', open: go('/practice') },
        {
          route: '/practice',
          name: 'practice-feedback',
          open: async (page) => {
            await page.goto(`${base}/practice`);
            await page.locator('input[name="choice"]').first().check();
            await page.getByRole('button', { name: 'Check my answer' }).click();
            await page.locator('#practice-result').waitFor();
          },
        },
        { route: '/explain/:slug', name: 'explain', open: go('/explain/rag') },
        {
          route: '/explain/:slug',
          name: 'explain-hints',
          open: async (page) => {
            await page.goto(`${base}/explain/rag`);
            await page
              .locator('#explanation')
              .fill('RAG is when the model looks things up in your documents before answering.');
            await page.getByRole('button', { name: 'Check my explanation' }).click();
            await page.locator('#explain-result').waitFor();
          },
        },
        {
          route: '/explain/:slug',
          name: 'explain-full',
          open: async (page) => {
            await page.getByRole('button', { name: 'Show what I missed' }).click();
            await page.locator('#missing').waitFor();
          },
        },
        {
          route: '/practice/email/:token',
          name: 'practice-email',
          open: async (page) => {
            await page.goto(`${base}${await recallLink()}`);
          },
        },
        {
          route: '/practice/email/:token',
          name: 'practice-email-feedback',
          open: async (page) => {
            await page.goto(`${base}${await recallLink()}`);
            await page.getByRole('button', { name: 'Check my answer' }).click();
            await page.locator('#practice-result').waitFor();
          },
        },
        { route: '/practice/email/:token', name: 'practice-email-invalid', open: go('/practice/email/x') },
        { route: '/r/:id', name: 'click-damaged', open: go('/r/x') },
        {
          route: '/r/:id',
          name: 'click-forged',
          open: go(
            `/r/${createClickTokens('another-secret-of-enough-length-987654').sign({ weekKey, conceptSlug: 'rag', target: { kind: 'concept' }, sample: false })}`,
          ),
        },
        {
          route: '/ask',
          name: 'ask-answer',
          open: async (page) => {
            await page.goto(`${base}/ask`);
            await page.getByLabel('Your question').fill('What are common pitfalls of RAG?');
            await page.getByRole('button', { name: 'Ask', exact: true }).click();
            await page.locator('#conversation .turn .sources').waitFor();
          },
        },
        {
          route: '/ask',
          name: 'ask-not-covered',
          open: async (page) => {
            await page.goto(`${base}/ask`);
            await page.getByLabel('Your question').fill('Where can I park my bicycle?');
            await page.getByRole('button', { name: 'Ask', exact: true }).click();
            await page.locator('#conversation .turn .feedback').waitFor();
          },
        },
        { route: '/archive', name: 'archive', open: go('/archive') },
        { route: '/archive/:week', name: 'archive-issue', open: go(`/archive/${weekKey}`) },
        { route: '*', name: 'not-found', open: go('/no-such-page') },
        { route: '/newsletter', name: 'newsletter', open: go('/newsletter') },
        {
          route: '/newsletter',
          name: 'newsletter-invalid-address',
          open: async (page) => {
            await page.goto(`${base}/newsletter`);
            await page.getByLabel('Email address').fill('not-an-address');
            await page.getByRole('button', { name: 'Subscribe' }).click();
            await page.getByRole('alert').waitFor();
          },
        },
        {
          route: '/newsletter',
          name: 'newsletter-check-inbox',
          open: async (page) => {
            await page.goto(`${base}/newsletter`);
            await page.getByLabel('Email address').fill(email);
            await page.getByRole('button', { name: 'Subscribe' }).click();
            await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
          },
        },
        {
          route: '/newsletter/confirm',
          name: 'newsletter-confirm',
          open: async (page) => {
            await page.goto(await confirmLink(email));
          },
        },
        {
          route: '/newsletter/confirm',
          name: 'newsletter-confirmed',
          open: async (page) => {
            await page.goto(await confirmLink(email));
            await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
            await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();
          },
        },
        {
          route: '/newsletter/confirm',
          name: 'newsletter-confirm-invalid',
          open: go('/newsletter/confirm?token=x'),
        },
        {
          route: '/newsletter/unsubscribe',
          name: 'newsletter-unsubscribe',
          open: async (page) => {
            const token = signer.sign('unsubscribe', await subscriberId(email), null);
            await page.goto(`${base}/newsletter/unsubscribe?token=${token}`);
          },
        },
        {
          route: '/newsletter/unsubscribe',
          name: 'newsletter-unsubscribed',
          open: async (page) => {
            const token = signer.sign('unsubscribe', await subscriberId(email), null);
            await page.goto(`${base}/newsletter/unsubscribe?token=${token}`);
            await page.getByRole('button', { name: 'Unsubscribe' }).click();
            await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
          },
        },
        {
          route: '/newsletter/unsubscribe',
          name: 'newsletter-invalid-link',
          open: go('/newsletter/unsubscribe?token=x'),
        },
        { route: '/newsletter/manage', name: 'newsletter-manage', open: go('/newsletter/manage') },
        {
          route: '/newsletter/manage',
          name: 'newsletter-manage-sent',
          open: async (page) => {
            await page.goto(`${base}/newsletter/manage`);
            await page.getByLabel('Email address').fill(email);
            await page.getByRole('button', { name: 'Email me a link' }).click();
            await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
          },
        },
        {
          route: '/newsletter/manage',
          name: 'newsletter-manage-data',
          open: async (page) => {
            const token = signer.sign('manage', await subscriberId(email), future);
            await page.goto(`${base}/newsletter/manage?token=${token}`);
          },
        },
        {
          route: '/newsletter/manage',
          name: 'newsletter-settings-saved',
          open: async (page) => {
            // `email` was unsubscribed by an earlier visit, and an unsubscribed reader has no settings form.
            const token = signer.sign('manage', await subscriberId('reader@example.com'), future);
            await page.goto(`${base}/newsletter/manage?token=${token}`);
            await page.getByLabel('Every other week').check();
            await page.getByRole('button', { name: 'Save settings' }).click();
            await page.getByRole('heading', { name: 'Your newsletter settings' }).waitFor();
          },
        },
        {
          route: '/newsletter/manage',
          name: 'newsletter-deleted',
          open: async (page) => {
            const token = signer.sign('manage', await subscriberId(email), future);
            await page.goto(`${base}/newsletter/manage?token=${token}`);
            await page.getByRole('button', { name: 'Delete my data' }).click();
            await page.getByRole('heading', { name: 'Your data is deleted' }).waitFor();
          },
        },
        {
          route: '/newsletter/manage',
          name: 'newsletter-manage-expired',
          open: go('/newsletter/manage?token=x'),
        },
        { route: '/admin/login', name: 'admin-login', open: go('/admin/login') },
        {
          route: '/admin',
          name: 'admin-overview',
          open: async (page) => {
            await loginAsAdmin(page, base, '/admin');
          },
        },
        { route: '/admin/content', name: 'admin-content', open: go('/admin/content') },
        {
          route: '/admin/content/new/:kind',
          name: 'admin-content-new',
          open: go('/admin/content/new/concepts'),
        },
        {
          route: '/admin/content/:kind/:slug',
          name: 'admin-content-editor',
          open: async (page) => {
            await page.goto(`${base}/admin/content/concepts/rag`);
            await page.locator('#preview h2').first().waitFor();
          },
        },
        {
          route: '/admin/content/:kind/:slug',
          name: 'admin-content-missing',
          open: go('/admin/content/concepts/no-such-concept'),
        },
        { route: '/admin/questions', name: 'admin-questions', open: go('/admin/questions') },
        { route: '/admin/learning', name: 'admin-learning', open: go('/admin/learning') },
        {
          route: '/admin/digest',
          name: 'admin-digest',
          open: async (page) => {
            await page.goto(`${base}/admin/digest`);
            await page.frameLocator('iframe.email-preview').locator('h1').waitFor();
          },
        },
        { route: '/admin/subscribers', name: 'admin-subscribers', open: go('/admin/subscribers?q=example') },
      ];
    }

    it('the list of pages covers every page route the app has', () => {
      const declared = createWebApp(webDepsFrom(app.service.container))
        .routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/assets/') && !NOT_PAGES.has(r.path))
        .map((r) => r.path);
      const visited = new Set(visits('phone').map((v) => v.route));
      expect([...new Set(declared)].filter((route) => !visited.has(route))).toEqual([]);
    });

    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      it(`every page passes axe-core, fits the screen and loads without errors on a ${size} (${viewport.width} px)`, async () => {
        const context: BrowserContext = await browser.newContext({ viewport });
        await preloadAxe(context);
        const errors = collectPageErrors(context);
        const page = await context.newPage();
        const failures: Array<{ page: string; findings: AxeFinding[] }> = [];
        const overflowing: string[] = [];
        for (const visit of visits(size)) {
          await visit.open(page);
          // Every finding fails, whatever its impact: serious and critical ones, and moderate ones such as heading-order.
          const findings = await runAxe(page);
          if (findings.length > 0) failures.push({ page: visit.name, findings });
          if (await overflowsHorizontally(page)) overflowing.push(visit.name);
          if (KEY_PAGES.has(visit.name)) await screenshot(page, `${visit.name}-${size}`);
          else if (SCREENSHOT_EVERY_PAGE) await screenshot(page, `a11y-${visit.name}-${size}`);
        }
        expect(failures).toEqual([]);
        expect(overflowing).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
        // About 35 pages, each loaded and checked by axe: minutes on a loaded 2-core machine, never a race.
      }, 180_000);
    }
  },
);
