import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  E2E_SKIP_REASON,
  hasChromium,
  screenshot,
  useBrowserAndService,
  VIEWPORTS,
} from './e2e-harness.js';

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'e2e: asking on the web, with and without JavaScript'
    : `e2e: asking [skipped: ${E2E_SKIP_REASON}]`,
  () => {
    // Every page's fit on a phone and a desktop, its console errors and the key pages' screenshots
    // are checked by the accessibility walk (accessibility.test.ts), which visits each of them.
    const suite = useBrowserAndService();

    async function visit(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${suite.app.baseUrl}${path}`);
      return { page, errors };
    }

    it('the home page question box answers in place with JavaScript, and on the Ask page without it', async () => {
      const withJs = await suite.browser.newContext({ viewport: VIEWPORTS.phone });
      const { page, errors } = await visit(withJs, '/');
      await page.getByLabel('Ask the tutor').fill('What is a context window?');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      const turn = page.locator('#conversation .turn').first();
      await turn.locator('.sources').waitFor();
      expect(page.url()).toBe(`${suite.app.baseUrl}/`);
      expect(await turn.locator('.question').innerText()).toContain('What is a context window?');
      expect(await turn.locator('.sources a').first().getAttribute('href')).toMatch(
        /^\/concepts\/context-window/,
      );
      expect(await page.getByLabel('Ask a follow-up').count()).toBe(1);
      await screenshot(page, 'home-answer-phone');
      expect(errors).toEqual([]);
      await withJs.close();

      const noJs = await suite.browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
      const plain = await visit(noJs, '/');
      await plain.page.getByLabel('Ask the tutor').fill('What is a context window?');
      await Promise.all([
        plain.page.waitForURL(`${suite.app.baseUrl}/ask`),
        plain.page.getByRole('button', { name: 'Ask', exact: true }).click(),
      ]);
      expect(await plain.page.locator('#conversation .turn .answer').innerText()).toMatch(/context window/i);
      expect(plain.errors).toEqual([]);
      await noJs.close();
    });

    it('the Ask page works without JavaScript: the form posts and the answer comes back as a page', async () => {
      const context = await suite.browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
      const { page, errors } = await visit(context, '/ask');
      await page.getByLabel('Your question').fill('What is a token?');
      await Promise.all([
        page.waitForURL(`${suite.app.baseUrl}/ask`),
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
      const context = await suite.browser.newContext({ viewport: VIEWPORTS.desktop });
      const { page, errors } = await visit(context, '/ask');
      await page.getByLabel('Your question').fill('How does retrieval-augmented generation work?');
      await page.getByRole('button', { name: 'Ask' }).click();
      const turn = page.locator('#conversation .turn').last();
      await turn.locator('.feedback-form').waitFor();
      const questionId = (await turn.getAttribute('id'))!.slice(2);
      await turn.getByLabel('What was wrong or missing? (optional)').fill('Too long for a first read');
      await turn.getByRole('button', { name: 'Not helpful' }).click();
      await expect.poll(() => turn.locator('.feedback').innerText()).toContain('Thanks for telling us');
      expect(page.url()).toBe(`${suite.app.baseUrl}/ask`);
      expect(await suite.app.service.container.questionLog.get(questionId)).toMatchObject({
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
