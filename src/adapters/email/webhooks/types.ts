import type { BounceEvent } from '../../../core/newsletter/bounce-events.js';

/** One inbound webhook request, as a verifier sees it: the raw body (signatures cover its exact bytes). */
export interface WebhookRequest {
  /** A header by name (case-insensitive), or undefined. */
  header(name: string): string | undefined;
  body: string;
}

/**
 * What a verifier made of a request. `rejected` is a forged, stale or
 * unauthenticated request (401); `bad-request` is a malformed one (400);
 * `ok` carries the bounce and complaint events (possibly none: deliveries,
 * opens and other events are ignored).
 */
export type VerifyResult =
  | { status: 'ok'; events: BounceEvent[] }
  | { status: 'rejected'; reason: string }
  | { status: 'bad-request'; message: string };

/** Verifies one provider's notifications exactly as its documentation says, then maps them to events. */
export type WebhookVerifier = (request: WebhookRequest) => Promise<VerifyResult>;

/** How old a signed timestamp may be (and how far ahead), for the schemes that sign one: 5 minutes, as Svix and SendGrid's docs suggest. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The body as JSON, or a 400 result naming the problem. */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false; result: VerifyResult } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return {
      ok: false,
      result: {
        status: 'bad-request',
        message: `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}). Send the provider's notification unchanged.`,
      },
    };
  }
}

/** A plain object, or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A string field, or ''. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
