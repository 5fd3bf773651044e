import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createWebHarness, mainText, type WebHarness } from './web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  h = await createWebHarness();
});
afterAll(async () => {
  await h.close();
});

describe('admin console off', () => {
  it('answers 404 everywhere under /admin and logs one startup line saying how to turn it on', async () => {
    const off = await createWebHarness({ ADMIN_TOKEN: '' });
    try {
      for (const url of ['/admin', '/admin/login', '/admin/content', '/admin/questions']) {
        expect((await off.client().get(url)).status).toBe(404);
      }
      const client = off.client();
      await client.get('/ask');
      expect((await client.post('/admin/login', { token: 'anything-at-all-0123456789' })).status).toBe(404);
      const lines = off.logger.lines.filter((l) => l.message.includes('admin console'));
      expect(lines).toEqual([
        {
          level: 'info',
          message: expect.stringMatching(/admin console: off \(set ADMIN_TOKEN .*openssl rand/),
          fields: undefined,
        },
      ]);
    } finally {
      await off.close();
    }
  });
});

describe('admin login', () => {
  it('sends a visitor without a session to the login form, remembering where they were going', async () => {
    const { status, response } = await h.client().get('/admin/questions?x=1');
    expect(status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fquestions%3Fx%3D1');
  });

  it('shows a labelled password form with the CSRF field', async () => {
    const { text } = await h.client().get('/admin/login?next=/admin/content');
    expect(text).toContain('<label for="token">Admin token</label>');
    expect(text).toMatch(/<input type="password" id="token" name="token"/);
    expect(text).toContain('<input type="hidden" name="next" value="/admin/content">');
    expect(text).toContain('<meta name="robots" content="noindex">');
  });

  it('refuses a wrong token with 401, logs the attempt without the token, and sets no session', async () => {
    const client = h.client({ ip: '192.0.2.44' });
    await client.get('/admin/login');
    const { status, text, response } = await client.post('/admin/login', {
      token: 'wrong-token-wrong-token-wrong',
      next: '/admin',
    });
    expect(status).toBe(401);
    expect(mainText(text)).toContain('That admin token is not right');
    expect(response.headers.get('set-cookie') ?? '').not.toContain('ct_admin');
    const warning = h.logger.lines.find((l) => l.message === 'admin login failed');
    expect(warning?.fields).toEqual({ ip: '192.0.2.44' });
    expect(JSON.stringify(h.logger.lines)).not.toContain('wrong-token-wrong-token-wrong');
  });

  it('refuses a token that is only a prefix or a longer variant of the real one', async () => {
    for (const token of [ADMIN_TOKEN.slice(0, -1), `${ADMIN_TOKEN}x`, '', ADMIN_TOKEN.toUpperCase()]) {
      const client = h.client();
      await client.get('/admin/login');
      expect((await client.post('/admin/login', { token, next: '/admin' })).status).toBe(401);
    }
  });

  it('logs in with the right token: HttpOnly, SameSite=Strict cookie on /admin that expires, then redirects to next', async () => {
    const client = h.client();
    await client.get('/admin/login');
    const { status, response } = await client.post('/admin/login', {
      token: ADMIN_TOKEN,
      next: '/admin/content',
    });
    expect(status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/content');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ct_admin='))!;
    expect(cookie).toMatch(/; Max-Age=28800; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect((await client.get('/admin/content')).status).toBe(200);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/admin',
    '/\\evil.example',
    '/administrator',
    'javascript:alert(1)',
  ])('never redirects off the admin console after login (next=%s)', async (next) => {
    const client = h.client();
    await client.get('/admin/login');
    const { response } = await client.post('/admin/login', { token: ADMIN_TOKEN, next });
    expect(response.headers.get('location')).toBe('/admin');
  });

  it('needs the CSRF token to log in', async () => {
    const client = h.client();
    await client.get('/admin/login');
    expect(
      (await client.post('/admin/login', { token: ADMIN_TOKEN, next: '/admin' }, { csrf: null })).status,
    ).toBe(403);
  });
});

describe('admin sessions', () => {
  it('expire after 8 hours even if the browser keeps the cookie', async () => {
    const local = await createWebHarness();
    try {
      const client = local.client();
      await client.login();
      expect((await client.get('/admin')).status).toBe(200);
      local.clock.advance(8 * 60 * 60 * 1000 - 1000);
      expect((await client.get('/admin')).status).toBe(200);
      local.clock.advance(2000);
      const expired = await client.get('/admin/content');
      expect(expired.status).toBe(303);
      expect(expired.response.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fcontent&expired=1');
      const login = await client.get('/admin/login?next=%2Fadmin%2Fcontent&expired=1');
      expect(mainText(login.text)).toContain('Your session expired');
      const post = await client.post(
        '/admin/content/validate',
        { kind: 'concepts', slug: 'token', text: 'x' },
        { headers: { accept: 'application/json' } },
      );
      expect(post.status).toBe(401);
      expect(JSON.parse(post.text).error).toContain('session expired');
    } finally {
      await local.close();
    }
  });

  it('refuses a forged or tampered session cookie', async () => {
    const client = h.client();
    await client.get('/ask');
    const future = Date.parse('2030-01-01T00:00:00Z');
    client.cookies.set('ct_admin', `v1.${future}.abc.forged-signature`);
    expect((await client.get('/admin')).status).toBe(303);
    const real = h.client();
    await real.login();
    const [, value] = [...real.cookies].find(([k]) => k === 'ct_admin')!;
    const tampered = value.replace(/^v1\.\d+/, `v1.${future}`);
    client.cookies.set('ct_admin', tampered);
    expect((await client.get('/admin')).status).toBe(303);
  });

  it('ends when the admin token is rotated (sessions are signed with it)', async () => {
    const secret = 'a-session-secret-that-is-long-enough-123456';
    const before = await createWebHarness({ SESSION_SECRET: secret });
    const client = before.client();
    await client.login();
    const cookie = client.cookies.get('ct_admin')!;
    const visitor = client.cookies.get('ct_visitor')!;
    await before.close();
    const after = await createWebHarness({
      SESSION_SECRET: secret,
      ADMIN_TOKEN: 'a-brand-new-admin-token-9876543210',
    });
    try {
      const again = after.client();
      again.cookies.set('ct_visitor', visitor);
      again.cookies.set('ct_admin', cookie);
      expect((await again.get('/admin')).status).toBe(303);
    } finally {
      await after.close();
    }
  });

  it('logs out: the cookie is cleared and the console asks for the token again', async () => {
    const client = h.client();
    await client.login();
    const page = await client.get('/admin');
    expect(page.text).toContain('action="/admin/logout"');
    const out = await client.post('/admin/logout', {});
    expect(out.status).toBe(303);
    expect(out.response.headers.get('location')).toBe('/admin/login?out=1');
    expect(client.cookies.has('ct_admin')).toBe(false);
    expect((await client.get('/admin')).status).toBe(303);
  });

  it('refuses admin POSTs without a session (401) and without CSRF (403)', async () => {
    const anonymous = h.client();
    await anonymous.get('/ask');
    expect(
      (
        await anonymous.post('/admin/content/save', {
          kind: 'concepts',
          slug: 'token',
          text: 'x',
          action: 'save',
        })
      ).status,
    ).toBe(401);
    const admin = h.client();
    await admin.login();
    expect(
      (
        await admin.post(
          '/admin/content/save',
          { kind: 'concepts', slug: 'token', text: 'x', action: 'save' },
          { csrf: null },
        )
      ).status,
    ).toBe(403);
  });
});
