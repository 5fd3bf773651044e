import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '../../../core/ports.js';
import { clientIp } from './client-ip.js';

/** A fixed-window counter per key. */
export interface RateLimiter {
  /** Counts one hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string): number;
}

/**
 * In-memory, per-process fixed window. Good enough to stop one client from
 * flooding the public forms; with several replicas each enforces its own
 * window (documented in docs/web.md). Old windows are swept as they expire,
 * so memory stays proportional to the clients of the last minute.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; clock: Clock }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(key) {
      if (options.limit <= 0) return 0;
      const now = options.clock.now().getTime();
      if (now - lastSweep > options.windowMs) {
        for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
        lastSweep = now;
      }
      let window = windows.get(key);
      if (!window || now - window.start >= options.windowMs) {
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= options.limit) return 0;
      return Math.max(1, Math.ceil((window.start + options.windowMs - now) / 1000));
    },
  };
}

/** Limits POSTs per client IP; GETs and paths for which `exempt` is true pass. */
export function publicPostRateLimit(options: {
  limiter: RateLimiter;
  trustedProxies: number;
  exempt?: (path: string) => boolean;
}): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST' || options.exempt?.(c.req.path)) return next();
    const wait = options.limiter.hit(clientIp(c, options.trustedProxies));
    if (wait > 0) {
      const res = new Response(null, { status: 429, headers: { 'Retry-After': String(wait) } });
      throw new HTTPException(429, {
        message: `Too many requests from your network. Please wait ${wait} seconds and try again.`,
        res,
      });
    }
    await next();
  };
}
