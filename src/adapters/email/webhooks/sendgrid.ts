import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { BounceEvent, BounceKind } from '../../../core/newsletter/bounce-events.js';
import { tryParseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { Clock } from '../../../core/ports.js';
import { isFresh } from './shared-secret.js';
import { asRecord, parseJson, SIGNATURE_TOLERANCE_SECONDS, str, type WebhookVerifier } from './types.js';

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

/**
 * Reads the verification key SendGrid shows under Mail Settings → Event
 * Webhook (base64 DER SubjectPublicKeyInfo, no PEM armour; PEM is accepted
 * too). Throws when it is not an EC P-256 key.
 */
export function sendgridPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.includes('BEGIN PUBLIC KEY')
    ? createPublicKey(trimmed.replace(/\\n/g, '\n'))
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error('not an EC P-256 public key');
  return key;
}

function kindOf(event: Record<string, unknown>): BounceKind | null {
  const name = str(event.event);
  if (name === 'spamreport') return 'complaint';
  if (name !== 'bounce') return null;
  // A "blocked" bounce is the receiver refusing for now (reputation, content): temporary.
  return str(event.type) === 'blocked' ? 'soft-bounce' : 'hard-bounce';
}

/**
 * SendGrid's Signed Event Webhook: an ECDSA (P-256, SHA-256) signature, base64
 * DER in {@link SENDGRID_SIGNATURE_HEADER}, over the timestamp header followed
 * by the raw body. The timestamp must be within
 * {@link SIGNATURE_TOLERANCE_SECONDS}; each event's `sg_event_id` is its
 * idempotency key. `bounce` (type bounce: hard, blocked: soft) and
 * `spamreport` count; other events are ignored.
 */
export function createSendgridVerifier(options: { publicKey: KeyObject; clock: Clock }): WebhookVerifier {
  return async (request) => {
    const signature = request.header(SENDGRID_SIGNATURE_HEADER);
    const timestamp = request.header(SENDGRID_TIMESTAMP_HEADER);
    if (!signature || !timestamp) return { status: 'rejected', reason: 'missing SendGrid signature headers' };
    let valid = false;
    try {
      valid = verify(
        'sha256',
        Buffer.from(timestamp + request.body, 'utf8'),
        { key: options.publicKey, dsaEncoding: 'der' },
        Buffer.from(signature, 'base64'),
      );
    } catch {
      valid = false;
    }
    if (!valid) return { status: 'rejected', reason: 'bad SendGrid signature' };
    if (
      !/^\d+$/.test(timestamp) ||
      !isFresh(Number(timestamp), options.clock.now(), SIGNATURE_TOLERANCE_SECONDS)
    )
      return { status: 'rejected', reason: 'stale SendGrid timestamp' };
    const parsed = parseJson(request.body);
    if (!parsed.ok) return parsed.result;
    if (!Array.isArray(parsed.value))
      return { status: 'bad-request', message: 'The body is not a JSON array of events.' };
    const events: BounceEvent[] = [];
    for (const item of parsed.value) {
      const event = asRecord(item);
      if (!event) continue;
      const kind = kindOf(event);
      const email = tryParseEmailAddress(str(event.email));
      const id = str(event.sg_event_id);
      if (!kind || !email || !id) continue;
      const seconds = Number(event.timestamp);
      events.push({
        provider: 'sendgrid',
        eventId: id,
        email,
        kind,
        occurredAt: Number.isFinite(seconds) ? new Date(seconds * 1000) : options.clock.now(),
        detail: [str(event.status), str(event.reason)].filter(Boolean).join(' ').slice(0, 500),
      });
    }
    return { status: 'ok', events };
  };
}
