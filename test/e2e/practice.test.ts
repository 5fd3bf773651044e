import { describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  E2E_SKIP_REASON,
  hasChromium,
  useBrowserAndService,
  VIEWPORTS,
} from './e2e-harness.js';

describe.skipIf(!hasChromium)(
  hasChromium ? 'e2e: practice in Chromium' : `e2e: practice [skipped: ${E2E_SKIP_REASON}]`,
  () => {
    const suite = useBrowserAndService();

    for (const javaScriptEnabled of [false, true]) {
      it(`answers a question, shows the feedback and moves on, with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
        const context = await suite.browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled });
        const errors = collectPageErrors(context);
        const page = await context.newPage();
        await page.goto(`${suite.app.baseUrl}/concepts/rag`);
        await page.getByRole('link', { name: /Practise Retrieval-augmented generation/ }).click();
        await page.waitForURL(/\/practice\?concept=rag$/);
        const question = await page.locator('legend').innerText();
        const item = suite.app.service.container.content.store
          .current()
          .conceptBySlug.get('rag')!
          .checkYourself.find((i) => i.question === question)!;
        expect(item).toBeDefined();
        await page.getByLabel(item.choices[item.correct]!, { exact: true }).check();
        await page.getByRole('button', { name: 'Check my answer' }).click();
        await page.locator('#practice-result').waitFor();
        expect(await page.locator('#practice-result').innerText()).toContain('Right.');
        expect(await page.locator('main').innerText()).toContain(item.explanation);
        // Back and resubmit: the first result stands, nothing is graded twice.
        await page.goBack();
        await page.getByRole('button', { name: 'Check my answer' }).click();
        await page.locator('#practice-result').waitFor();
        await page.getByRole('link', { name: 'Next question' }).click();
        await page.locator('legend').waitFor();
        expect(await page.locator('legend').innerText()).not.toBe(question);
        expect(errors).toEqual([]);
        await context.close();
      }, 90_000);
    }
  },
);
