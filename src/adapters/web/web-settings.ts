import { createHash } from 'node:crypto';
import type { Config } from '../../config/env-schema.js';
import { resolveSecret } from '../state/resolve-secret.js';
import { hmac } from './security/sign.js';

/** How long an admin session lasts after login. */
export const ADMIN_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** How long the anonymous visitor cookie (CSRF, feedback) lasts. */
export const VISITOR_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Everything the web adapter derives from config once, at startup. */
export interface WebSettings {
  /** sha256 of ADMIN_TOKEN, or null when the admin console is off. The token itself is not kept. */
  adminTokenHash: string | null;
  /** Signs visitor cookies and CSRF tokens. */
  visitorKey: Buffer;
  /** Signs admin sessions; derived from the admin token too, so rotating ADMIN_TOKEN logs every admin out. */
  adminKey: Buffer | null;
  trustedProxies: number;
  /** Public POSTs per client IP per minute; 0 turns the limit off. */
  publicRateLimit: number;
  /** Force Secure cookies (PUBLIC_URL is https) even when the request itself looks like plain HTTP. */
  publicUrlIsHttps: boolean;
  publicUrl: string | null;
  /** sha256 of METRICS_TOKEN, or null when /metrics is open. The token itself is not kept. */
  metricsTokenHash: Buffer | null;
  /** DAILY_TOKEN_BUDGET, shown beside today's usage on the questions page; 0 is no limit. */
  dailyTokenBudget: number;
}

/** Reads the web settings from config; SESSION_SECRET falls back to a secret kept in DATA_DIR. */
export function webSettingsFrom(config: Config): WebSettings {
  const secret = resolveSecret(config, 'SESSION_SECRET').value;
  const adminTokenHash = config.ADMIN_TOKEN
    ? createHash('sha256').update(config.ADMIN_TOKEN).digest('hex')
    : null;
  return {
    adminTokenHash,
    // Separate keys per purpose: a value signed for one use can never pass as another.
    visitorKey: Buffer.from(hmac(secret, 'visitor-key-v1')),
    adminKey: adminTokenHash ? Buffer.from(hmac(secret, `admin-key-v1:${adminTokenHash}`)) : null,
    trustedProxies: config.TRUST_PROXY,
    publicRateLimit: config.PUBLIC_RATE_LIMIT,
    publicUrlIsHttps: config.PUBLIC_URL?.startsWith('https:') ?? false,
    publicUrl: config.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    metricsTokenHash: config.METRICS_TOKEN
      ? createHash('sha256').update(config.METRICS_TOKEN).digest()
      : null,
    dailyTokenBudget: config.DAILY_TOKEN_BUDGET,
  };
}
