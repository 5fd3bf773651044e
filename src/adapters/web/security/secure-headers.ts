import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers for every response. The CSP allows only our own scripts
 * and styles (no inline code at all, so injected markup cannot run), our own
 * forms and fetches, and images from https (articles may embed diagrams).
 */
export function webSecureHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    // HSTS only when we are known to be served over https; on plain http it would be ignored or, worse, stick.
    strictTransportSecurity: options.hsts ? 'max-age=15552000; includeSubDomains' : false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    // A handler may set its own policy for one response (the sandboxed digest preview frame).
    overwrite: false,
  });
}
