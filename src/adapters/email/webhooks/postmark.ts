import type { BounceEvent, BounceKind } from '../../../core/newsletter/bounce-events.js';
import { parseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { Clock } from '../../../core/ports.js';
import { sameSecret } from './shared-secret.js';
import { asRecord, parseJson, str, type WebhookVerifier } from './types.js';

/** Header our docs tell operators to add to the Postmark webhook (Postmark's "custom headers" option). */
export const POSTMARK_TOKEN_HEADER = 'X-Postmark-Webhook-Token';

const KINDS: Record<string, BounceKind> = {
  HardBounce: 'hard-bounce',
  BadEmailAddress: 'hard-bounce',
  ManuallyDeactivated: 'hard-bounce',
  SoftBounce: 'soft-bounce',
  Transient: 'soft-bounce',
  DnsError: 'soft-bounce',
  SpamComplaint: 'complaint',
};

/**
 * Postmark signs nothing; its docs secure webhooks with HTTP basic auth in
 * the webhook URL (https://user:password@host/…) and optional custom headers.
 * Every secret configured here must match: the basic-auth pair and/or the
 * token header. Replays are caught by the bounce's numeric `ID`. RecordType
 * `Bounce` (HardBounce, SoftBounce, …) and `SpamComplaint` count; others are ignored.
 */
export function createPostmarkVerifier(options: {
  basicAuth?: { user: string; password: string };
  token?: string;
  clock: Clock;
}): WebhookVerifier {
  const expectedAuth = options.basicAuth
    ? `Basic ${Buffer.from(`${options.basicAuth.user}:${options.basicAuth.password}`).toString('base64')}`
    : null;
  return async (request) => {
    if (expectedAuth && !sameSecret(request.header('authorization') ?? '', expectedAuth))
      return { status: 'rejected', reason: 'bad Postmark basic auth' };
    if (options.token && !sameSecret(request.header(POSTMARK_TOKEN_HEADER) ?? '', options.token))
      return { status: 'rejected', reason: 'bad Postmark token' };
    const parsed = parseJson(request.body);
    if (!parsed.ok) return parsed.result;
    const body = asRecord(parsed.value);
    if (!body) return { status: 'bad-request', message: 'The body is not a JSON object.' };
    const record = str(body.RecordType);
    if (record !== 'Bounce' && record !== 'SpamComplaint') return { status: 'ok', events: [] };
    const kind = KINDS[str(body.Type)] ?? (record === 'SpamComplaint' ? 'complaint' : undefined);
    if (!kind) return { status: 'ok', events: [] };
    // Postmark's IDs can exceed 2^53 (its own sample does): read the digits from the raw body then.
    const id =
      typeof body.ID === 'number' && !Number.isSafeInteger(body.ID)
        ? (/"ID"\s*:\s*(\d+)/.exec(request.body)?.[1] ?? str(body.ID))
        : str(body.ID);
    if (!id) return { status: 'bad-request', message: 'The notification has no ID.' };
    let email: string;
    try {
      email = parseEmailAddress(str(body.Email));
    } catch {
      return { status: 'bad-request', message: 'Email is not an email address.' };
    }
    const at = Date.parse(str(body.BouncedAt));
    const event: BounceEvent = {
      provider: 'postmark',
      eventId: id,
      email,
      kind,
      occurredAt: Number.isNaN(at) ? options.clock.now() : new Date(at),
      detail: [str(body.Type), str(body.Description), str(body.Details)]
        .filter(Boolean)
        .join(': ')
        .slice(0, 500),
    };
    return { status: 'ok', events: [event] };
  };
}
