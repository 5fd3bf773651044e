import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

const CONTENT_DIR = new URL('../../../content/', import.meta.url).pathname;
const JSON_ACCEPT = { accept: 'application/json' };

let web: WebHarness;
beforeAll(async () => {
  web = await createWebHarness({ CONTENT_DIR });
});
afterAll(() => web.close());

/** A new visitor answers their first item (every new learner starts on the same one). */
async function answerFirst(right: boolean): Promise<string> {
  const client = web.client();
  await client.get('/practice');
  const item = JSON.parse((await client.get('/practice', JSON_ACCEPT)).text).item;
  const slug = item.id.split('~')[0];
  const full = web.container.content.store
    .current()
    .conceptBySlug.get(slug)!
    .checkYourself.find((i) => i.id === item.id)!;
  const choice = right ? full.correct : (full.correct + 1) % full.choices.length;
  await client.post(
    '/practice',
    { item: item.id, shown: item.shown, choice: String(choice) },
    { headers: JSON_ACCEPT },
  );
  return item.question;
}

describe('/admin/learning', () => {
  it('needs an admin session', async () => {
    const response = await web.client().request('/admin/learning');
    expect([302, 303, 401]).toContain(response.status);
    const csv = await web.client().request('/admin/learning/export.csv');
    expect([302, 303, 401]).toContain(csv.status);
  });

  it('hides groups under five learners, then shows learners, recall and the most-missed item, and exports CSV', async () => {
    const admin = web.client();
    await admin.login();
    let question = '';
    for (let i = 0; i < 4; i++) question = await answerFirst(i === 0);
    const small = mainText((await admin.get('/admin/learning')).text);
    expect(small).toContain('fewer than 5');
    expect(small).not.toContain(question);

    await answerFirst(false);
    await answerFirst(false);
    const page = await admin.get('/admin/learning');
    expect(page.status).toBe(200);
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    const text = mainText(page.text);
    expect(text).toContain(question);
    expect(text).toMatch(/83% wrong, 6 learners/);

    const csv = await admin.get('/admin/learning/export.csv');
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('concept,title,learners,recall_rate,items_due,asked_30_days');
    expect(lines.some((l) => /,6,0\.167,\d+,\d+$/.test(l))).toBe(true);
    // Concepts nobody practised carry no figures.
    expect(lines.some((l) => /^[\w-]+,[^,]*,,,,\d+$/.test(l))).toBe(true);
  });
});
