import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  E2E_SKIP_REASON,
  type E2eService,
  hasChromium,
  launchBrowser,
  loginAsAdmin,
  overflowsHorizontally,
  screenshot,
  startE2eService,
  VIEWPORTS,
} from './e2e-harness.js';

describe.skipIf(!hasChromium)(
  hasChromium ? 'e2e: key pages on a phone and a desktop' : `e2e: key pages [skipped: ${E2E_SKIP_REASON}]`,
  () => {
    let browser: Browser;
    let app: E2eService;
    beforeAll(async () => {
      [browser, app] = await Promise.all([launchBrowser(), startE2eService()]);
      // Something for the questions page to show: an answered question, a gap, a 👎 with a reason.
      const tutor = app.service.container.tutor;
      await tutor.ask({ question: 'What is a context window?', platform: 'slack', userId: 'U1' });
      for (const question of [
        'How do I book parking at the office?',
        'Where can I book office parking for visitors?',
        'Is there parking near the office?',
        'What is the wifi password?',
      ]) {
        await tutor.ask({ question, platform: 'discord', userId: 'D1' });
      }
      const { questionId } = await tutor.ask({
        question: 'When should I lower the temperature?',
        platform: 'web',
        userId: 'W1',
      });
      await app.service.container.questionLog.setFeedback(questionId!, -1, 'Wanted an example with numbers');
      const subscriptions = app.service.container.newsletter!.subscriptions;
      for (const email of ['ana@example.com', 'ben@example.com'])
        await subscriptions.addConsented({ email, consentSource: 'import:e2e' });
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    async function visit(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${app.baseUrl}${path}`);
      return { page, errors };
    }

    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      it(`home, concept, ask and the admin pages fit a ${size} and load without errors`, async () => {
        const context = await browser.newContext({ viewport });
        const errors = collectPageErrors(context);
        const shots: Array<[string, () => Promise<Page>]> = [
          ['home', async () => (await visit(context, '/')).page],
          ['concept', async () => (await visit(context, '/concepts/rag')).page],
          [
            'ask-answer',
            async () => {
              const { page } = await visit(context, '/ask');
              await page.getByLabel('Your question').fill('What are common pitfalls of RAG?');
              await page.getByRole('button', { name: 'Ask' }).click();
              await page.locator('#conversation .turn .sources').waitFor();
              return page;
            },
          ],
          [
            'admin-content-editor',
            async () => {
              const page = await context.newPage();
              await loginAsAdmin(page, app.baseUrl, '/admin/content/concepts/rag');
              await page.locator('#preview h2').first().waitFor();
              return page;
            },
          ],
          ['admin-questions', async () => (await visit(context, '/admin/questions')).page],
          [
            'admin-digest',
            async () => {
              const { page } = await visit(context, '/admin/digest');
              await page.frameLocator('iframe.email-preview').locator('h1').waitFor();
              return page;
            },
          ],
          ['admin-subscribers', async () => (await visit(context, '/admin/subscribers?q=example')).page],
        ];
        for (const [name, open] of shots) {
          const page = await open();
          expect(await overflowsHorizontally(page), `${name} overflows a ${size} screen`).toBe(false);
          await screenshot(page, `${name}-${size}`);
          expect(errors, name).toEqual([]);
          await page.close();
        }
        await context.close();
      });
    }

    it('the home page question box answers in place with JavaScript, and on the Ask page without it', async () => {
      const withJs = await browser.newContext({ viewport: VIEWPORTS.phone });
      const { page, errors } = await visit(withJs, '/');
      await page.getByLabel('Ask the tutor').fill('What is a context window?');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      const turn = page.locator('#conversation .turn').first();
      await turn.locator('.sources').waitFor();
      expect(page.url()).toBe(`${app.baseUrl}/`);
      expect(await turn.locator('.question').innerText()).toContain('What is a context window?');
      expect(await turn.locator('.sources a').first().getAttribute('href')).toMatch(
        /^\/concepts\/context-window/,
      );
      expect(await page.getByLabel('Ask a follow-up').count()).toBe(1);
      await screenshot(page, 'home-answer-phone');
      expect(errors).toEqual([]);
      await withJs.close();

      const noJs = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
      const plain = await visit(noJs, '/');
      await plain.page.getByLabel('Ask the tutor').fill('What is a context window?');
      await Promise.all([
        plain.page.waitForURL(`${app.baseUrl}/ask`),
        plain.page.getByRole('button', { name: 'Ask', exact: true }).click(),
      ]);
      expect(await plain.page.locator('#conversation .turn .answer').innerText()).toMatch(/context window/i);
      expect(plain.errors).toEqual([]);
      await noJs.close();
    });

    it('the Ask page works without JavaScript: the form posts and the answer comes back as a page', async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
      const { page, errors } = await visit(context, '/ask');
      await page.getByLabel('Your question').fill('What is a token?');
      await Promise.all([
        page.waitForURL(`${app.baseUrl}/ask`),
        page.getByRole('button', { name: 'Ask' }).click(),
      ]);
      expect(await page.locator('#conversation .turn .answer').innerText()).toContain('token');
      expect(await page.getByLabel('Ask a follow-up').count()).toBe(1);
      await page.getByRole('button', { name: 'Not helpful' }).click();
      expect(await page.getByRole('status').innerText()).toContain('Thanks for telling us');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('with JavaScript, feedback is sent in place with its reason and lands in the question log', async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
      const { page, errors } = await visit(context, '/ask');
      await page.getByLabel('Your question').fill('How does retrieval-augmented generation work?');
      await page.getByRole('button', { name: 'Ask' }).click();
      const turn = page.locator('#conversation .turn').last();
      await turn.locator('.feedback-form').waitFor();
      const questionId = (await turn.getAttribute('id'))!.slice(2);
      await turn.getByLabel('What was wrong or missing? (optional)').fill('Too long for a first read');
      await turn.getByRole('button', { name: 'Not helpful' }).click();
      await expect.poll(() => turn.locator('.feedback').innerText()).toContain('Thanks for telling us');
      expect(page.url()).toBe(`${app.baseUrl}/ask`);
      expect(await app.service.container.questionLog.get(questionId)).toMatchObject({
        feedback: -1,
        feedbackReason: 'Too long for a first read',
        platform: 'web',
      });

      // A follow-up carries the conversation, and a fresh one starts over.
      await page.getByLabel('Ask a follow-up').fill('And what are its pitfalls?');
      await page.getByRole('button', { name: 'Ask' }).click();
      await expect.poll(() => page.locator('#conversation .turn').count()).toBe(2);
      await page.getByRole('link', { name: 'Start a new conversation' }).click();
      expect(await page.locator('#conversation .turn').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
