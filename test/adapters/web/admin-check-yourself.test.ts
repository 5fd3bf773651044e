import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWebHarness, type WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
let admin: WebClient;
let token: string;
beforeAll(async () => {
  h = await createWebHarness();
  token = (await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8')).trimEnd();
  admin = h.client();
  await admin.login();
});
afterAll(() => h.close());

const item = (q: string, options: string) => `### ${q}\n\n${options}\n\nBecause.\n`;

it('validates Check yourself items in the editor and previews them with the right option named, not as checkboxes', async () => {
  const text = `${token}\n\n## Check yourself\n\n${[
    item('One?', '- [x] Right\n- [ ] Wrong\n- [ ] Other'),
    item('Two right?', '- [x] A\n- [x] B\n- [ ] C'),
  ].join('\n')}`;
  const { status, text: body } = await admin.post(
    '/admin/content/validate',
    { kind: 'concepts', slug: 'token', text },
    { headers: { accept: 'application/json' } },
  );
  expect(status).toBe(200);
  const data = JSON.parse(body);
  expect(data.ok).toBe(false);
  const problems = data.problems.map((p: { text: string }) => p.text);
  expect(problems).toContainEqual(
    expect.stringMatching(
      /^concepts\/token\.md:\d+: Check yourself: item "Two right\?": 2 options are marked correct/,
    ),
  );
  expect(problems).toContainEqual(expect.stringMatching(/needs 4 to 30 multiple-choice item\(s\).*found 1/));
  expect(data.preview).toContain('<strong>(right)</strong> Right');
  expect(data.preview).not.toContain('type="checkbox"');
});
