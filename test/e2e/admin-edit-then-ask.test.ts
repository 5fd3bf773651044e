import { describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  E2E_SKIP_REASON,
  hasChromium,
  loginAsAdmin,
  screenshot,
  useBrowserAndService,
  VIEWPORTS,
} from './e2e-harness.js';

const NEW_FAQ = `
### What is the zebra rule for long chats?
The zebra rule says: keep the newest turns word for word and replace the older stripes with a short summary, so the conversation fits the window.
`;

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'e2e: an admin edits a concept and the Ask page answers from the new text'
    : `e2e: admin edit then ask [skipped: ${E2E_SKIP_REASON}]`,
  () => {
    const suite = useBrowserAndService();

    it('validates live, saves atomically, hot-reloads, and the tutor quotes the new passage with a link to it', async () => {
      const context = await suite.browser.newContext({ viewport: VIEWPORTS.desktop });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await loginAsAdmin(page, suite.app.baseUrl, '/admin/content');
      await page.getByRole('link', { name: 'Context window', exact: true }).click();
      await page.waitForURL(`${suite.app.baseUrl}/admin/content/concepts/context-window`);

      const editor = page.getByLabel('Markdown file');
      const original = await editor.inputValue();
      expect(original).toContain('slug: context-window');

      // A typo in a section name is caught while typing, before anything is saved.
      await editor.fill(original.replace('## Common pitfalls', '## Common pitfals'));
      await expect
        .poll(() => page.locator('#problems').innerText())
        .toContain('Common pitfals: unknown section');

      // FAQ is no longer the last section: "## Check yourself" follows it.
      await editor.fill(original.replace('## Check yourself', `${NEW_FAQ.trim()}\n\n## Check yourself`));
      await expect.poll(() => page.locator('#problems').innerText()).toContain('No problems');
      await expect.poll(() => page.locator('#preview').innerText()).toContain('The zebra rule says');
      await screenshot(page, 'admin-content-editor-desktop');

      await Promise.all([
        page.waitForURL(/\/admin\/content\/concepts\/context-window\?saved=1$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      expect(await page.locator('.success[role=status]').innerText()).toContain(
        'Saved. The library reloaded',
      );

      await page.goto(`${suite.app.baseUrl}/ask`);
      await page.getByLabel('Your question').fill('What is the zebra rule for long chats?');
      await page.getByRole('button', { name: 'Ask' }).click();
      const turn = page.locator('#conversation .turn').last();
      await expect
        .poll(() => turn.locator('.answer').innerText())
        .toContain('keep the newest turns word for word');
      // No API key: the answer is quoted from the library and says so.
      await expect
        .poll(() => turn.locator('.notice').innerText())
        .toContain('closest passage from the library');
      // The answer arrived in place: still on /ask, no full page load.
      expect(page.url()).toBe(`${suite.app.baseUrl}/ask`);
      await screenshot(page, 'ask-answer-desktop');

      const source = turn
        .getByRole('navigation', { name: 'Sources' })
        .getByRole('link', { name: 'Context window' });
      expect(await source.getAttribute('href')).toBe(
        '/concepts/context-window#what-is-the-zebra-rule-for-long-chats',
      );
      await source.click();
      await page.waitForURL(
        `${suite.app.baseUrl}/concepts/context-window#what-is-the-zebra-rule-for-long-chats`,
      );
      expect(await page.locator('#what-is-the-zebra-rule-for-long-chats').innerText()).toBe(
        'What is the zebra rule for long chats?',
      );

      expect(errors).toEqual([]);
      expect(suite.app.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
      await context.close();
    });
  },
);
