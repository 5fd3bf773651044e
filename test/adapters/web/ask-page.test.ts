import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  h = await createWebHarness();
});
afterAll(async () => {
  await h.close();
});

function feedbackFields(html: string): { questionId: string; token: string } {
  return {
    questionId: /name="questionId" value="([^"]+)"/.exec(html)![1]!,
    token: /name="token" value="([^"]+)"/.exec(html)![1]!,
  };
}

describe('GET /ask', () => {
  it('shows a labelled form that works without JavaScript, prefilled from ?q=', async () => {
    const { status, text } = await h.client().get('/ask?q=What%20is%20a%20token%3F');
    expect(status).toBe(200);
    expect(text).toContain('<form id="ask-form" method="post" action="/ask">');
    expect(text).toContain('<label for="question">Your question</label>');
    expect(text).toMatch(/<textarea id="question" name="question"[^>]*>What is a token\?<\/textarea>/);
    expect(text).toMatch(/name="_csrf" value="[\w-]{20,}"/);
  });

  it('gives the visitor an HttpOnly, SameSite=Lax cookie for rate limits and CSRF', async () => {
    const { response } = await h.client().get('/ask');
    expect(response.headers.get('set-cookie')).toMatch(
      /^ct_visitor=[\w-]+\.[\w-]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
  });
});

describe('POST /ask without JavaScript', () => {
  it('answers on a full page: the answer, its notice, sources linked to the section, and feedback buttons', async () => {
    const client = h.client();
    await client.get('/ask');
    const { status, text } = await client.post('/ask', { question: 'How many tokens is a word?' });
    expect(status).toBe(200);
    const main = mainText(text);
    expect(main).toContain('You asked: How many tokens is a word?');
    expect(main).toContain('roughly three quarters of a word per token');
    expect(main).toContain('AI answers are not configured');
    expect(text).toContain('<a href="/concepts/token#how-many-tokens-is-a-word">Token</a>');
    expect(text).toContain(
      '<button type="submit" name="vote" value="up" class="secondary"><span aria-hidden="true">👍</span> Helpful</button>',
    );
    expect(text).toContain('<label for="question">Ask a follow-up</label>');
    // The conversation so far rides along in a hidden field for the follow-up.
    const history = JSON.parse(/name="history" value="([^"]*)"/.exec(text)![1]!.replace(/&quot;/g, '"'));
    expect(history).toEqual([
      { role: 'user', text: 'How many tokens is a word?' },
      { role: 'assistant', text: expect.stringContaining('three quarters') },
    ]);
  });

  it('goes through the tutor as platform "web", so it lands in the question log', async () => {
    const client = h.client();
    await client.get('/ask');
    await client.post('/ask', { question: 'What is temperature?' });
    const logged = (await h.container.questionLog.recent({ limit: 100 })).filter(
      (q) => q.text === 'What is temperature?',
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ platform: 'web', mode: 'extractive', covered: true });
  });

  it('says honestly when the library does not cover a question and links the closest concepts', async () => {
    const client = h.client();
    await client.get('/ask');
    const { text } = await client.post('/ask', { question: 'What is the capital of Peru?' });
    expect(mainText(text)).toContain("I couldn't find this in the tutor's library");
    expect(text).not.toContain('aria-label="Sources"');
  });

  it('shows the clear message for an empty question, with status 400', async () => {
    const client = h.client();
    await client.get('/ask');
    const { status, text } = await client.post('/ask', { question: '   ' });
    expect(status).toBe(400);
    expect(text).toContain('role="alert"');
    expect(mainText(text)).toContain('Ask me a question about an AI concept');
  });

  it('escapes the question wherever it is shown', async () => {
    const client = h.client();
    await client.get('/ask');
    const { text } = await client.post('/ask', { question: '<img src=x onerror=alert(1)> token?' });
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; token?');
  });

  it('uses the history field for follow-ups and ignores a malformed one', async () => {
    const client = h.client();
    await client.get('/ask');
    const history = JSON.stringify([
      { role: 'user', text: 'What is a token?' },
      { role: 'assistant', text: 'A piece of a word.' },
    ]);
    const followUp = await client.post('/ask', { question: 'and how many per word?', history });
    expect(followUp.status).toBe(200);
    const broken = await client.post('/ask', { question: 'What is a token?', history: '{"role":"system"' });
    expect(broken.status).toBe(200);
  });
});

describe('CSRF on the Ask form', () => {
  it('refuses a POST without the token (403)', async () => {
    const client = h.client();
    await client.get('/ask');
    const { status, text } = await client.post('/ask', { question: 'What is a token?' }, { csrf: null });
    expect(status).toBe(403);
    expect(mainText(text)).toContain('missing its security token');
  });

  it('refuses a token from another visitor', async () => {
    const other = h.client();
    await other.get('/ask');
    const client = h.client();
    await client.get('/ask');
    expect((await client.post('/ask', { question: 'What is a token?' }, { csrf: other.csrf })).status).toBe(
      403,
    );
  });

  it('refuses a POST without the visitor cookie, saying to reload', async () => {
    const client = h.client();
    await client.get('/ask');
    client.cookies.clear();
    const { status, text } = await client.post('/ask', { question: 'What is a token?' });
    expect(status).toBe(403);
    expect(mainText(text)).toContain('Reload the page');
  });

  it('refuses what the browser marks as a cross-site request, even with a token', async () => {
    const client = h.client();
    await client.get('/ask');
    expect(
      (
        await client.post(
          '/ask',
          { question: 'What is a token?' },
          { headers: { 'sec-fetch-site': 'cross-site' } },
        )
      ).status,
    ).toBe(403);
  });

  it('answers JSON errors to fetch() callers', async () => {
    const client = h.client();
    await client.get('/ask');
    const { status, text } = await client.post(
      '/ask',
      { question: 'x' },
      { csrf: null, headers: { accept: 'application/json' } },
    );
    expect(status).toBe(403);
    expect(JSON.parse(text).error).toContain('security token');
  });
});

describe('POST /ask from fetch()', () => {
  it('answers JSON with the rendered turn and the next history', async () => {
    const client = h.client();
    await client.get('/ask');
    const { status, text } = await client.post(
      '/ask',
      { question: 'What is a token?' },
      { headers: { accept: 'application/json' } },
    );
    expect(status).toBe(200);
    const data = JSON.parse(text);
    expect(data.mode).toBe('extractive');
    expect(data.html).toMatch(/^<li class="turn" id="q-[0-9a-f-]+">/);
    expect(JSON.parse(data.history)).toHaveLength(2);
  });

  it('streams NDJSON: model text deltas first, then the rendered answer', async () => {
    const fake: FakeAnthropicServer = await startFakeAnthropicServer();
    const ai = await createWebHarness({
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '0',
    });
    try {
      const client = ai.client();
      await client.get('/ask');
      const { response, text } = await client.post(
        '/ask',
        { question: 'What is a token?' },
        { headers: { accept: 'application/x-ndjson' } },
      );
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const deltas = lines.filter((l) => l.type === 'delta');
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.map((d) => d.text).join('')).toBe('A grounded answer from the library.');
      const last = lines.at(-1);
      expect(last).toMatchObject({ type: 'answer', mode: 'ai' });
      expect(last.html).toContain('A grounded answer from the library.');
      expect(last.html).toContain('href="/concepts/token#');
    } finally {
      await ai.close();
      await fake.close();
    }
  });

  it('streams a user-facing error line when the tutor refuses', async () => {
    const client = h.client();
    await client.get('/ask');
    const { text } = await client.post(
      '/ask',
      { question: '' },
      { headers: { accept: 'application/x-ndjson' } },
    );
    expect(JSON.parse(text.trim())).toMatchObject({
      type: 'error',
      status: 400,
      message: expect.stringContaining('Ask me a question'),
    });
  });
});

describe('rate limits', () => {
  it('applies the chat limit (tutor.ask), with the tutor’s own message and 429', async () => {
    const limited = await createWebHarness({ CHAT_RATE_LIMIT: '2', PUBLIC_RATE_LIMIT: '0' });
    try {
      const client = limited.client();
      await client.get('/ask');
      expect((await client.post('/ask', { question: 'What is a token?' })).status).toBe(200);
      expect((await client.post('/ask', { question: 'What is temperature?' })).status).toBe(200);
      const third = await client.post('/ask', { question: 'What is a token?' });
      expect(third.status).toBe(429);
      expect(mainText(third.text)).toContain("You've asked 2 questions");
      // Another visitor is not affected.
      const other = limited.client();
      await other.get('/ask');
      expect((await other.post('/ask', { question: 'What is a token?' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('keys the chat limit by client address: a fresh cookie from the same address is still limited', async () => {
    const limited = await createWebHarness({ CHAT_RATE_LIMIT: '2', PUBLIC_RATE_LIMIT: '0' });
    try {
      const first = limited.client({ ip: '198.51.100.20' });
      await first.get('/ask');
      expect((await first.post('/ask', { question: 'What is a token?' })).status).toBe(200);
      expect((await first.post('/ask', { question: 'What is temperature?' })).status).toBe(200);
      // Dropping the cookie (a new browser profile, a private window) gives no fresh allowance.
      const again = limited.client({ ip: '198.51.100.20' });
      await again.get('/ask');
      expect(again.cookies.get('ct_visitor')).not.toBe(first.cookies.get('ct_visitor'));
      const refused = await again.post('/ask', { question: 'What is a token?' });
      expect(refused.status).toBe(429);
      expect(mainText(refused.text)).toContain("You've asked 2 questions");
      // Nor does another address in the same IPv4-mapped form.
      const mapped = limited.client({ ip: '::ffff:198.51.100.20' });
      await mapped.get('/ask');
      expect((await mapped.post('/ask', { question: 'What is a token?' })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('keys an IPv6 client by its /64, where one machine can pick any address', async () => {
    const limited = await createWebHarness({ CHAT_RATE_LIMIT: '1', PUBLIC_RATE_LIMIT: '0' });
    try {
      const ask = async (ip: string) => {
        const client = limited.client({ ip });
        await client.get('/ask');
        return (await client.post('/ask', { question: 'What is a token?' })).status;
      };
      expect(await ask('2001:db8:1:2::a')).toBe(200);
      expect(await ask('2001:db8:1:2:ffff::b')).toBe(429);
      expect(await ask('2001:db8:1:3::a')).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('behind TRUST_PROXY=1, different clients of one proxy have separate chat limits', async () => {
    const proxied = await createWebHarness({
      CHAT_RATE_LIMIT: '1',
      PUBLIC_RATE_LIMIT: '0',
      TRUST_PROXY: '1',
    });
    try {
      const ask = async (forwardedFor: string) => {
        const client = proxied.client({ ip: '10.0.0.1' });
        await client.get('/ask');
        return (
          await client.post(
            '/ask',
            { question: 'What is a token?' },
            { headers: { 'x-forwarded-for': forwardedFor } },
          )
        ).status;
      };
      expect(await ask('192.0.2.1')).toBe(200);
      expect(await ask('192.0.2.2')).toBe(200);
      expect(await ask('192.0.2.1')).toBe(429);
      // A forged left-most entry does not make a new client: the proxy appended the real one.
      expect(await ask('9.9.9.9, 192.0.2.2')).toBe(429);
    } finally {
      await proxied.close();
    }
  });

  it('limits public POSTs per IP per minute with Retry-After, and lets them through again after the window', async () => {
    const limited = await createWebHarness({ PUBLIC_RATE_LIMIT: '2' });
    try {
      const client = limited.client({ ip: '198.51.100.9' });
      await client.get('/ask');
      expect((await client.post('/ask', { question: 'What is a token?' })).status).toBe(200);
      expect((await client.post('/ask', { question: 'What is a token?' })).status).toBe(200);
      const blocked = await client.post('/ask', { question: 'What is a token?' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(mainText(blocked.text)).toContain('Too many requests from your network');
      // Another address still gets through; GETs are never limited.
      const neighbour = limited.client({ ip: '198.51.100.10' });
      await neighbour.get('/ask');
      expect((await neighbour.post('/ask', { question: 'What is a token?' })).status).toBe(200);
      expect((await client.get('/ask')).status).toBe(200);
      limited.clock.advance(60_000);
      expect((await client.post('/ask', { question: 'What is a token?' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('trusts X-Forwarded-For only as far as TRUST_PROXY says', async () => {
    const proxied = await createWebHarness({ PUBLIC_RATE_LIMIT: '1', TRUST_PROXY: '1' });
    try {
      // Behind one proxy, the proxy's own address is the same for everyone; the client is the last X-Forwarded-For entry.
      const a = proxied.client({ ip: '10.0.0.1' });
      await a.get('/ask');
      const b = proxied.client({ ip: '10.0.0.1' });
      await b.get('/ask');
      expect(
        (
          await a.post(
            '/ask',
            { question: 'What is a token?' },
            { headers: { 'x-forwarded-for': '1.1.1.1, 192.0.2.1' } },
          )
        ).status,
      ).toBe(200);
      // A forged left-most entry does not make a new client.
      expect(
        (
          await a.post(
            '/ask',
            { question: 'What is a token?' },
            { headers: { 'x-forwarded-for': '9.9.9.9, 192.0.2.1' } },
          )
        ).status,
      ).toBe(429);
      expect(
        (
          await b.post(
            '/ask',
            { question: 'What is a token?' },
            { headers: { 'x-forwarded-for': '192.0.2.2' } },
          )
        ).status,
      ).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('POST /ask/feedback', () => {
  async function askedBy(client: ReturnType<WebHarness['client']>) {
    await client.get('/ask');
    const { text } = await client.post('/ask', { question: 'How many tokens is a word?' });
    return feedbackFields(text);
  }

  it('stores 👎 with its reason, and a later 👍 replaces the vote', async () => {
    const client = h.client();
    const { questionId, token } = await askedBy(client);
    const down = await client.post('/ask/feedback', {
      questionId,
      token,
      vote: 'down',
      reason: '  Too   short  ',
    });
    expect(down.status).toBe(200);
    expect(mainText(down.text)).toContain('Thanks for telling us');
    expect(await h.container.questionLog.get(questionId)).toMatchObject({
      feedback: -1,
      feedbackReason: 'Too short',
    });
    const up = await client.post(
      '/ask/feedback',
      { questionId, token, vote: 'up' },
      { headers: { accept: 'application/json' } },
    );
    expect(JSON.parse(up.text)).toEqual({ message: 'Thanks! Glad it helped.' });
    expect(await h.container.questionLog.get(questionId)).toMatchObject({ feedback: 1 });
  });

  it('refuses feedback on someone else’s answer or with a forged token', async () => {
    const asker = h.client();
    const { questionId, token } = await askedBy(asker);
    const stranger = h.client();
    await stranger.get('/ask');
    expect((await stranger.post('/ask/feedback', { questionId, token, vote: 'down' })).status).toBe(403);
    expect((await asker.post('/ask/feedback', { questionId, token: 'forged', vote: 'down' })).status).toBe(
      403,
    );
    expect(await h.container.questionLog.get(questionId)).toMatchObject({ feedback: null });
  });

  it('needs a vote and the CSRF token', async () => {
    const client = h.client();
    const { questionId, token } = await askedBy(client);
    expect((await client.post('/ask/feedback', { questionId, token, vote: 'meh' })).status).toBe(400);
    expect(
      (await client.post('/ask/feedback', { questionId, token, vote: 'up' }, { csrf: null })).status,
    ).toBe(403);
  });
});
