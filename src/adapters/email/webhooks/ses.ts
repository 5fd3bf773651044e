import type { BounceEvent, BounceKind } from '../../../core/newsletter/bounce-events.js';
import { tryParseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { Clock, Logger } from '../../../core/ports.js';
import { type SnsHttp, snsUrl } from './sns-http.js';
import { createSnsSignatureVerifier } from './sns-signature.js';
import { asRecord, parseJson, str, type VerifyResult, type WebhookVerifier } from './types.js';

/** Options of {@link createSesVerifier}. */
export interface SesVerifierOptions {
  /** SES_SNS_TOPIC_ARNS: only these topics are accepted, and only their subscriptions confirmed. */
  topicArns: readonly string[];
  http: SnsHttp;
  clock: Clock;
  logger: Logger;
}

/** The events of one SES notification (the SNS Message), or null when it is not JSON. */
function sesEvents(messageId: string, text: string, now: Date): BounceEvent[] | null {
  const parsed = parseJson(text);
  if (!parsed.ok) return null;
  const message = asRecord(parsed.value);
  // Notifications name their type in notificationType, event publishing in eventType.
  const type = str(message?.notificationType) || str(message?.eventType);
  const bounce = asRecord(message?.bounce);
  const complaint = asRecord(message?.complaint);
  let kind: BounceKind;
  let recipients: unknown;
  let at: string;
  let detail: (r: Record<string, unknown>) => string;
  if (type === 'Bounce' && bounce) {
    kind = str(bounce.bounceType) === 'Permanent' ? 'hard-bounce' : 'soft-bounce';
    recipients = bounce.bouncedRecipients;
    at = str(bounce.timestamp);
    detail = (r) =>
      [str(bounce.bounceType), str(bounce.bounceSubType), str(r.diagnosticCode) || str(r.status)]
        .filter(Boolean)
        .join(' ');
  } else if (type === 'Complaint' && complaint) {
    kind = 'complaint';
    recipients = complaint.complainedRecipients;
    at = str(complaint.timestamp);
    detail = () => ['complaint', str(complaint.complaintFeedbackType)].filter(Boolean).join(' ');
  } else return [];
  const time = Date.parse(at);
  return (Array.isArray(recipients) ? recipients : []).flatMap((item) => {
    const r = asRecord(item);
    const email = tryParseEmailAddress(str(r?.emailAddress));
    if (!r || !email) return [];
    return [
      {
        provider: 'ses',
        eventId: messageId,
        email,
        kind,
        occurredAt: Number.isNaN(time) ? now : new Date(time),
        detail: detail(r).slice(0, 500),
      },
    ];
  });
}

/**
 * Amazon SES through an SNS HTTPS subscription. Every message's signature is
 * checked (sns-signature.ts) and its TopicArn must be in the allow-list, as
 * AWS's docs ask. A SubscriptionConfirmation for an allowed topic is
 * confirmed by GETting its SubscribeURL (itself checked to be on an SNS
 * host); for any other topic nothing is fetched. Notifications carry the SES
 * event in `Message`; the SNS MessageId is the idempotency key, so a replayed
 * message is a duplicate.
 */
export function createSesVerifier(options: SesVerifierOptions): WebhookVerifier {
  const allowed = new Set(options.topicArns);
  const verifySignature = createSnsSignatureVerifier({ http: options.http, clock: options.clock });
  return async (request): Promise<VerifyResult> => {
    const parsed = parseJson(request.body);
    if (!parsed.ok) return parsed.result;
    const message = asRecord(parsed.value);
    if (!message) return { status: 'bad-request', message: 'The body is not an SNS message object.' };
    const problem = await verifySignature(message);
    if (problem) return { status: 'rejected', reason: problem };
    const topic = str(message.TopicArn);
    if (!allowed.has(topic)) return { status: 'rejected', reason: 'TopicArn not in SES_SNS_TOPIC_ARNS' };
    const type = str(message.Type);
    if (type === 'SubscriptionConfirmation') {
      const url = snsUrl(str(message.SubscribeURL));
      if (!url) return { status: 'rejected', reason: 'SubscribeURL is not on an SNS host' };
      try {
        await options.http.get(url);
      } catch (error) {
        options.logger.warn('could not confirm the SNS subscription', {
          topic,
          error: error instanceof Error ? error.message : String(error),
        });
        return { status: 'rejected', reason: 'SNS subscription confirmation failed' };
      }
      options.logger.info('confirmed the SNS subscription', { topic });
      return { status: 'ok', events: [] };
    }
    if (type !== 'Notification') return { status: 'ok', events: [] };
    const events = sesEvents(str(message.MessageId), str(message.Message), options.clock.now());
    if (events === null)
      return { status: 'bad-request', message: 'The SNS Message is not an SES notification (JSON).' };
    return { status: 'ok', events };
  };
}
