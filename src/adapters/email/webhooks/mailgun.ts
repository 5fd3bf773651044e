import { createHmac } from 'node:crypto';
import type { BounceEvent, BounceKind } from '../../../core/newsletter/bounce-events.js';
import { parseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { Clock } from '../../../core/ports.js';
import { isFresh, sameSecret } from './shared-secret.js';
import { asRecord, parseJson, SIGNATURE_TOLERANCE_SECONDS, str, type WebhookVerifier } from './types.js';

/**
 * Mailgun (documentation.mailgun.com, "Securing Webhooks"): the JSON body
 * carries `signature: { timestamp, token, signature }`, where signature is the
 * hex HMAC-SHA256 of timestamp + token under the webhook signing key. A
 * timestamp outside {@link SIGNATURE_TOLERANCE_SECONDS} is refused (replay);
 * within it, a replay repeats event-data.id and is a duplicate.
 * `failed` with severity `permanent` is a hard bounce, `temporary` a soft one;
 * `complained` a complaint.
 */
export function createMailgunVerifier(options: { signingKey: string; clock: Clock }): WebhookVerifier {
  return async (request) => {
    const parsed = parseJson(request.body);
    if (!parsed.ok) return parsed.result;
    const body = asRecord(parsed.value);
    const signature = asRecord(body?.signature);
    const timestamp = str(signature?.timestamp);
    const token = str(signature?.token);
    const given = str(signature?.signature);
    if (!timestamp || !token || !given) return { status: 'rejected', reason: 'missing Mailgun signature' };
    const expected = createHmac('sha256', options.signingKey)
      .update(timestamp + token)
      .digest('hex');
    if (!sameSecret(given.toLowerCase(), expected))
      return { status: 'rejected', reason: 'bad Mailgun signature' };
    if (!isFresh(Number(timestamp), options.clock.now(), SIGNATURE_TOLERANCE_SECONDS))
      return { status: 'rejected', reason: 'stale Mailgun timestamp' };
    const data = asRecord(body?.['event-data']);
    if (!data) return { status: 'bad-request', message: 'The body has no "event-data" object.' };
    const event = str(data.event);
    const severity = str(data.severity);
    const kind: BounceKind | null =
      event === 'complained'
        ? 'complaint'
        : event === 'failed'
          ? severity === 'permanent'
            ? 'hard-bounce'
            : 'soft-bounce'
          : null;
    if (!kind) return { status: 'ok', events: [] };
    let email: string;
    try {
      email = parseEmailAddress(str(data.recipient));
    } catch {
      return { status: 'bad-request', message: 'event-data.recipient is not an email address.' };
    }
    const status = asRecord(data['delivery-status']);
    const seconds = Number(data.timestamp);
    const occurredAt = Number.isFinite(seconds) ? new Date(seconds * 1000) : options.clock.now();
    const id = str(data.id);
    if (!id) return { status: 'bad-request', message: 'event-data.id is missing.' };
    const detail = [str(status?.code), str(status?.description) || str(status?.message), str(data.reason)]
      .filter(Boolean)
      .join(' ')
      .slice(0, 500);
    const result: BounceEvent = { provider: 'mailgun', eventId: id, email, kind, occurredAt, detail };
    return { status: 'ok', events: [result] };
  };
}
