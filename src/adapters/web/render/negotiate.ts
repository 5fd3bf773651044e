import type { Context } from 'hono';

/** True when the client (our own fetch() code) asked for JSON rather than a page. */
export function wantsJson(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') || accept.includes('application/x-ndjson');
}
