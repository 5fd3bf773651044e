import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

// The fixture library has no "Check yourself" items; the real one has them for every concept.
const CONTENT_DIR = new URL('../../../content/', import.meta.url).pathname;
const JSON_ACCEPT = { accept: 'application/json' };

let web: WebHarness;
beforeAll(async () => {
  web = await createWebHarness({ CONTENT_DIR });
});
afterAll(() => web.close());

interface ShownJson {
  item: { id: string; concept: string; question: string; choices: string[]; shown: string };
}

async function nextJson(client: ReturnType<WebHarness['client']>): Promise<ShownJson['item']> {
  await client.get('/practice'); // the page carries the CSRF token
  const { status, text } = await client.get('/practice', JSON_ACCEPT);
  expect(status).toBe(200);
  return (JSON.parse(text) as ShownJson).item;
}

const correctIndex = (web: WebHarness, id: string) => {
  const [slug] = id.split('~');
  return web.container.content.store
    .current()
    .conceptBySlug.get(slug!)!
    .checkYourself.find((i) => i.id === id)!;
};

describe('/practice without JavaScript', () => {
  it('shows the next item as a form and grades the POST with feedback, next and stop', async () => {
    const client = web.client();
    const page = await client.get('/practice');
    expect(page.status).toBe(200);
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    const itemId = /name="item" value="([^"]+)"/.exec(page.text)![1]!;
    const shown = /name="shown" value="([^"]+)"/.exec(page.text)![1]!;
    const item = correctIndex(web, itemId);
    expect(mainText(page.text)).toContain(item.question.replace(/"/g, '"'));
    expect(page.text.match(/type="radio"/g)).toHaveLength(item.choices.length);
    expect(mainText(page.text)).not.toContain(item.explanation);

    const graded = await client.post('/practice', { item: itemId, shown, choice: String(item.correct) });
    expect(graded.status).toBe(200);
    expect(graded.response.headers.get('cache-control')).toBe('no-store');
    const text = mainText(graded.text);
    expect(text).toContain('Right.');
    expect(text).toContain(item.explanation);
    expect(graded.text).toContain(`href="/concepts/${itemId.split('~')[0]}"`);
    expect(graded.text).toContain('href="/practice" id="practice-next"');
  });

  it('says "Not quite" and shows the right option after a wrong answer', async () => {
    const client = web.client();
    const item = await nextJson(client);
    const full = correctIndex(web, item.id);
    const wrong = (full.correct + 1) % full.choices.length;
    const graded = await client.post('/practice', {
      item: item.id,
      shown: item.shown,
      choice: String(wrong),
    });
    expect(mainText(graded.text)).toContain('Not quite.');
    expect(mainText(graded.text)).toContain(`The answer: ${full.choices[full.correct]}`);
  });
});

describe('/practice with accept: application/json', () => {
  it('returns the item, then the grade with explanation, source and next review', async () => {
    const client = web.client();
    const item = await nextJson(client);
    expect(Object.keys(item).sort()).toEqual(['choices', 'concept', 'id', 'question', 'shown']);
    const full = correctIndex(web, item.id);
    const graded = await client.post(
      '/practice',
      { item: item.id, shown: item.shown, choice: String(full.correct) },
      { headers: JSON_ACCEPT },
    );
    expect(graded.status).toBe(200);
    const body = JSON.parse(graded.text);
    expect(body).toMatchObject({
      correct: true,
      explanation: full.explanation,
      source: { slug: item.concept },
      replay: false,
    });
    expect(new Date(body.nextReviewAt).getTime()).toBeGreaterThan(web.clock.now().getTime());
  });

  it('grades a replayed answer once: the second POST returns the first result', async () => {
    const client = web.client();
    const item = await nextJson(client);
    const full = correctIndex(web, item.id);
    const post = (choice: number) =>
      client.post(
        '/practice',
        { item: item.id, shown: item.shown, choice: String(choice) },
        { headers: JSON_ACCEPT },
      );
    const first = JSON.parse((await post(full.correct)).text);
    const second = JSON.parse((await post((full.correct + 1) % full.choices.length)).text);
    expect(first.replay).toBe(false);
    expect(second).toMatchObject({ correct: true, replay: true, nextReviewAt: first.nextReviewAt });
  });
});

describe('/practice refuses bad and forged input', () => {
  it('refuses a POST without the CSRF token, or from another site', async () => {
    const client = web.client();
    const item = await nextJson(client);
    const fields = { item: item.id, shown: item.shown, choice: '0' };
    expect((await client.post('/practice', fields, { csrf: null })).status).toBe(403);
    expect((await client.post('/practice', fields, { csrf: 'forged' })).status).toBe(403);
    expect(
      (await client.post('/practice', fields, { headers: { 'sec-fetch-site': 'cross-site' } })).status,
    ).toBe(403);
    // None of those graded it: the real answer still counts as the first.
    const ok = await client.post('/practice', fields, { headers: JSON_ACCEPT });
    expect(JSON.parse(ok.text).replay).toBe(false);
  });

  it('refuses unknown or foreign shown items, a mismatched item, and choices out of range', async () => {
    const client = web.client();
    const item = await nextJson(client);
    const post = (fields: Record<string, string>) =>
      client.post('/practice', fields, { headers: JSON_ACCEPT });
    const ok = { item: item.id, shown: item.shown, choice: '0' };
    const unknown = await post({ ...ok, shown: 'not-a-shown-id' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).error).toMatch(/not shown to you/);
    expect((await post({ ...ok, item: 'rag~00000000' })).status).toBe(400);
    const outOfRange = await post({ ...ok, choice: '7' });
    expect(outOfRange.status).toBe(400);
    expect(JSON.parse(outOfRange.text).error).toMatch(/Choose one of the options/);
    expect((await post({ ...ok, choice: '-1' })).status).toBe(400);
    expect((await post({ ...ok, choice: 'abc' })).status).toBe(400);
    expect((await post({ choice: '0' })).status).toBe(400);

    const stranger = web.client();
    await stranger.get('/practice');
    expect((await stranger.post('/practice', ok, { headers: JSON_ACCEPT })).status).toBe(404);

    // The refusals graded nothing: the learner's own answer is still the first.
    const real = await post(ok);
    expect(real.status).toBe(200);
    expect(JSON.parse(real.text).replay).toBe(false);
  });

  it('refuses a body that is not a form', async () => {
    const client = web.client();
    await client.get('/practice');
    const response = await client.request('/practice', {
      method: 'POST',
      body: JSON.stringify({ item: 'x', choice: 0 }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf!, ...JSON_ACCEPT },
    });
    expect(response.status).toBe(415);
  });
});

describe('the concept page and practice', () => {
  it('lists the questions with a practise link but never the answers', async () => {
    const client = web.client();
    const page = await client.get('/concepts/rag');
    const concept = web.container.content.store.current().conceptBySlug.get('rag')!;
    const text = mainText(page.text);
    expect(page.text).toContain('href="/practice?concept=rag"');
    for (const item of concept.checkYourself) {
      expect(text).toContain(item.question);
      expect(text).not.toContain(item.explanation);
      expect(text).not.toContain(item.choices[item.correct]!);
    }
  });

  it('serves the focused concept first from ?concept=', async () => {
    const client = web.client();
    const { text } = await client.get('/practice?concept=temperature', JSON_ACCEPT);
    expect(JSON.parse(text).item.concept).toBe('temperature');
    const unknown = await client.get('/practice?concept=no-such-thing', JSON_ACCEPT);
    expect(unknown.status).toBe(200);
  });
});

describe('/metrics and practice', () => {
  it('counts items shown and answers by platform and result', async () => {
    const client = web.client();
    const item = await nextJson(client);
    const full = correctIndex(web, item.id);
    const fields = { item: item.id, shown: item.shown, choice: String(full.correct) };
    await client.post('/practice', fields, { headers: JSON_ACCEPT });
    await client.post('/practice', fields, { headers: JSON_ACCEPT });
    const metrics = await (await web.app.request('/metrics')).text();
    expect(metrics).toMatch(/^concept_tutor_practice_items_shown_total\{platform="web"\} [1-9]\d*$/m);
    expect(metrics).toMatch(
      /^concept_tutor_practice_answers_total\{platform="web",result="correct"\} [1-9]\d*$/m,
    );
    expect(metrics).toMatch(
      /^concept_tutor_practice_answers_total\{platform="web",result="replay"\} [1-9]\d*$/m,
    );
  });
});
