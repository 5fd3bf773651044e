import { Hono } from 'hono';
import { webSecureHeaders } from './secure-headers.js';

/**
 * The security headers every web response carries, as plain name/value
 * pairs, for responses written outside Hono (Slack's receiver on
 * /slack/events). They are read off the same middleware, so the two can
 * never drift apart.
 */
export async function secureHeaderValues(options: { hsts: boolean }): Promise<Record<string, string>> {
  const app = new Hono();
  app.use('*', webSecureHeaders(options));
  app.get('*', (c) => c.body(null, 204));
  const response = await app.request('/');
  return Object.fromEntries(response.headers.entries());
}
