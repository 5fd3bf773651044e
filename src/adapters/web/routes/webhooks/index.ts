import type { Hono } from 'hono';
import type { WebDeps } from '../../web-deps.js';
import { registerEmailWebhookRoutes } from './email-webhook-routes.js';

/**
 * Machine-to-machine endpoints under /webhooks: email providers' bounce and
 * complaint notifications. Nothing is registered without the newsletter (no
 * database); every provider path then answers 404.
 */
export function registerWebhookRoutes(app: Hono, deps: WebDeps): void {
  const { newsletter } = deps;
  if (!newsletter) return;
  registerEmailWebhookRoutes(app, deps, { verifiers: newsletter.webhooks, bounces: newsletter.bounces });
}
