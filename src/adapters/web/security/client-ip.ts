import type { Context } from 'hono';

/**
 * The client's IP address. With `trustedProxies` = 0 it is the socket's peer;
 * behind N proxies it is the Nth address from the right of X-Forwarded-For,
 * because everything left of what our own proxies appended is client-supplied
 * and can be forged.
 */
export function clientIp(c: Context, trustedProxies: number): string {
  const socket = socketAddress(c);
  if (trustedProxies <= 0) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? socket;
}

/** True when the client reached us over HTTPS (as our own proxies report it). */
export function isHttps(c: Context, trustedProxies: number): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (trustedProxies <= 0) return false;
  const proto = c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim();
  return proto === 'https';
}

function socketAddress(c: Context): string {
  // @hono/node-server puts the Node request on env.incoming; app.request() in tests may pass one too.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
