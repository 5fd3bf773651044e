import { createHmac } from 'node:crypto';
import type { BounceEvent, BounceKind } from '../../../core/newsletter/bounce-events.js';
import { tryParseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { Clock } from '../../../core/ports.js';
import { isFresh, sameSecret } from './shared-secret.js';
import { asRecord, parseJson, SIGNATURE_TOLERANCE_SECONDS, str, type WebhookVerifier } from './types.js';

/** The HMAC key of a Svix secret: the base64 after `whsec_`. Throws for anything else. */
export function svixKey(secret: string): Buffer {
  const match = /^whsec_([A-Za-z0-9+/=_-]+)$/.exec(secret.trim());
  if (!match?.[1]) throw new Error('not a whsec_ secret');
  return Buffer.from(match[1], 'base64');
}

/**
 * Resend signs with Svix (resend.com/docs/webhooks/verify-webhooks-requests):
 * HMAC-SHA256, under the base64-decoded part of the `whsec_` secret, of
 * `svix-id.svix-timestamp.body`; `svix-signature` lists space-separated
 * `v1,<base64>` signatures, any of which may match (key rotation). The
 * timestamp must be within {@link SIGNATURE_TOLERANCE_SECONDS}; `svix-id` is
 * the idempotency key, so a replay inside the window is a duplicate.
 * `email.bounced` (bounce.type Permanent: hard, otherwise soft) and
 * `email.complained` count.
 */
export function createResendVerifier(options: { secret: Buffer; clock: Clock }): WebhookVerifier {
  return async (request) => {
    const id = request.header('svix-id');
    const timestamp = request.header('svix-timestamp');
    const header = request.header('svix-signature');
    if (!id || !timestamp || !header) return { status: 'rejected', reason: 'missing Svix headers' };
    const expected = createHmac('sha256', options.secret)
      .update(`${id}.${timestamp}.${request.body}`)
      .digest('base64');
    const matches = header
      .split(' ')
      .some((part) => part.startsWith('v1,') && sameSecret(part.slice(3), expected));
    if (!matches) return { status: 'rejected', reason: 'bad Svix signature' };
    if (
      !/^\d+$/.test(timestamp) ||
      !isFresh(Number(timestamp), options.clock.now(), SIGNATURE_TOLERANCE_SECONDS)
    )
      return { status: 'rejected', reason: 'stale Svix timestamp' };
    const parsed = parseJson(request.body);
    if (!parsed.ok) return parsed.result;
    const body = asRecord(parsed.value);
    const data = asRecord(body?.data);
    if (!body || !data) return { status: 'bad-request', message: 'The body has no "data" object.' };
    const type = str(body.type);
    let kind: BounceKind | null = null;
    if (type === 'email.complained') kind = 'complaint';
    else if (type === 'email.bounced')
      kind = str(asRecord(data.bounce)?.type) === 'Permanent' ? 'hard-bounce' : 'soft-bounce';
    if (!kind) return { status: 'ok', events: [] };
    const bounce = asRecord(data.bounce);
    const at = Date.parse(str(body.created_at));
    const recipients = Array.isArray(data.to) ? data.to : [data.to];
    const events: BounceEvent[] = recipients.flatMap((to) => {
      const email = tryParseEmailAddress(str(to));
      if (!email) return [];
      return [
        {
          provider: 'resend',
          eventId: id,
          email,
          kind: kind as BounceKind,
          occurredAt: Number.isNaN(at) ? options.clock.now() : new Date(at),
          detail: [str(bounce?.type), str(bounce?.subType), str(bounce?.message)]
            .filter(Boolean)
            .join(' ')
            .slice(0, 500),
        },
      ];
    });
    return { status: 'ok', events };
  };
}
