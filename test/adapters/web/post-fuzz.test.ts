import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, mainText, type WebClient, type WebHarness } from './web-harness.js';

/**
 * Every POST route the app has. The first test checks this list against the
 * app's own route table, so a new POST route fails here until it is added
 * (and so fuzzed).
 */
const POST_ROUTES = [
  '/ask',
  '/ask/feedback',
  '/newsletter/subscribe',
  '/newsletter/confirm',
  '/newsletter/unsubscribe',
  '/newsletter/manage',
  '/newsletter/manage/export',
  '/newsletter/manage/delete',
  '/newsletter/manage/preferences',
  '/newsletter/manage/unsubscribe',
  '/admin/login',
  '/admin/logout',
  '/admin/content/validate',
  '/admin/content/save',
  '/admin/digest/pin',
  '/admin/digest/unpin',
  '/admin/digest/test',
  '/admin/digest/retry',
  '/practice',
  '/practice/email/:token',
  '/explain/:slug',
  '/webhooks/email/:provider',
].sort();

/** Routes that read no field: an empty form is a valid request for them. */
const NEEDS_NO_FIELDS: Record<string, number> = { '/admin/logout': 303 };

const BOUNDARY = 'fuzzboundary';
const EVERY_FIELD = [
  'question=What%00is%01this',
  'history=%00',
  'email=a%00@example.com',
  'token=x%00',
  'week=2026-W48%00',
  'kind=concepts',
  'text=x%07',
  'to=a%00@example.com',
  'vote=up',
  'questionId=%00',
].join('&');

interface Case {
  name: string;
  type?: string;
  body: string | Uint8Array;
}

const CASES: Case[] = [
  {
    name: 'a multipart body cut off before its closing boundary',
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="question"\r\n\r\nWhat is a token?`,
  },
  { name: 'multipart without a boundary', type: 'multipart/form-data', body: 'question=x' },
  {
    name: 'a file upload',
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="question"; filename="q.txt"\r\nContent-Type: text/plain\r\n\r\nWhat is a token?\r\n--${BOUNDARY}--\r\n`,
  },
  {
    name: 'JSON where a form is expected',
    type: 'application/json',
    body: '{"question":"What is a token?"}',
  },
  { name: 'plain text', type: 'text/plain', body: 'question=What is a token?' },
  { name: 'a body without a Content-Type', body: 'question=What is a token?' },
  {
    name: 'invalid URL encoding',
    type: 'application/x-www-form-urlencoded',
    body: 'question=%zz&email=%E0%A4%A&token=%',
  },
  {
    name: 'NUL and other control characters in every field',
    type: 'application/x-www-form-urlencoded',
    body: EVERY_FIELD,
  },
  {
    name: 'NUL in a multipart field',
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="question"\r\n\r\nWhat\u0000\r\n--${BOUNDARY}--\r\n`,
  },
  {
    name: 'a 2 MB body',
    type: 'application/x-www-form-urlencoded',
    body: `question=${'a'.repeat(2 * 1024 * 1024)}`,
  },
  { name: 'no fields at all', type: 'application/x-www-form-urlencoded', body: '' },
];

let h: WebHarness;
let visitor: WebClient;
let admin: WebClient;
beforeAll(async () => {
  h = await createWebHarness({ PUBLIC_RATE_LIMIT: '0' }, { database: true });
  visitor = h.client();
  await visitor.get('/ask');
  admin = h.client();
  await admin.login();
  await admin.get('/admin');
});
afterAll(async () => {
  await h?.close();
});

/** The message a person would read: the page's main text, or a JSON error. */
function messageOf(text: string): string {
  if (text.startsWith('{')) return String((JSON.parse(text) as { error?: string }).error ?? '');
  return mainText(text);
}

describe('malformed POST bodies', () => {
  it('covers every POST route the app has', () => {
    const routes = [...new Set(h.app.routes.filter((r) => r.method === 'POST').map((r) => r.path))].sort();
    expect(routes).toEqual(POST_ROUTES);
  });

  for (const route of POST_ROUTES) {
    it.each(CASES.map((c) => [c.name, c] as const))(
      `${route}: %s gets a 4xx with a clear message`,
      async (_name, fuzz) => {
        // As a logged-in admin with a valid CSRF header, so the body reaches the route itself.
        const client = route.startsWith('/admin/') ? admin : visitor;
        const headers: Record<string, string> = { 'x-csrf-token': client.csrf! };
        if (fuzz.type) headers['content-type'] = fuzz.type;
        const response = await client.request(route, { method: 'POST', body: fuzz.body, headers });
        const text = await response.text();
        const allowed = fuzz.name === 'no fields at all' ? NEEDS_NO_FIELDS[route] : undefined;
        if (allowed !== undefined) {
          expect(response.status).toBe(allowed);
          return;
        }
        expect(response.status, messageOf(text)).toBeGreaterThanOrEqual(400);
        expect(response.status, messageOf(text)).toBeLessThan(500);
        const message = messageOf(text);
        expect(message.length).toBeGreaterThan(15);
        expect(message).not.toContain('Something went wrong');
      },
    );
  }

  it('logged no server error, and the service keeps serving', async () => {
    expect(h.logger.lines.filter((r) => r.level === 'error')).toEqual([]);
    expect((await visitor.get('/healthz')).status).toBe(200);
    const answer = await visitor.post('/ask', { question: 'What is a token?' });
    expect(answer.status).toBe(200);
  });

  it('names what was wrong', async () => {
    const send = async (type: string, body: string) => {
      const response = await visitor.request('/ask', {
        method: 'POST',
        body,
        headers: { 'content-type': type, 'x-csrf-token': visitor.csrf! },
      });
      return { status: response.status, message: messageOf(await response.text()) };
    };
    expect(await send('application/json', '{}')).toEqual({
      status: 415,
      message: expect.stringContaining(
        'takes a web form (application/x-www-form-urlencoded or multipart/form-data), not application/json',
      ),
    });
    expect(await send(`multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nbroken`)).toEqual({
      status: 400,
      message: expect.stringContaining('the multipart body is malformed or was cut off'),
    });
    expect(await send('application/x-www-form-urlencoded', 'question=%zz')).toEqual({
      status: 400,
      message: expect.stringContaining('not valid URL encoding'),
    });
    expect(await send('application/x-www-form-urlencoded', 'question=What%00')).toEqual({
      status: 400,
      message: expect.stringContaining(
        'The field "question" contains control characters (such as a NUL byte)',
      ),
    });
  });
});
