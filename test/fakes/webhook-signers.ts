import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { SNS_TEST_KEY } from './fake-sns-http.js';

/** Signs requests the way each provider does, with test keys: what the verifiers must accept. */

export const SNS_CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem';
export const SNS_TOPIC = 'arn:aws:sns:us-east-1:123456789012:ses-bounces';

const SNS_FIELDS: Record<string, string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
};

/** An SNS message signed with the test key (SignatureVersion 1: SHA1, 2: SHA256). */
export function snsMessage(
  fields: Record<string, string>,
  options: { version?: '1' | '2'; certUrl?: string } = {},
): Record<string, string> {
  const version = options.version ?? '2';
  const message: Record<string, string> = {
    TopicArn: SNS_TOPIC,
    Timestamp: '2026-11-24T09:59:00.000Z',
    SignatureVersion: version,
    SigningCertURL: options.certUrl ?? SNS_CERT_URL,
    ...fields,
  };
  const keys = SNS_FIELDS[message.Type ?? ''] ?? [];
  const text = keys
    .filter((k) => message[k] !== undefined)
    .map((k) => `${k}\n${message[k]}\n`)
    .join('');
  message.Signature = sign(version === '1' ? 'sha1' : 'sha256', Buffer.from(text), SNS_TEST_KEY).toString(
    'base64',
  );
  return message;
}

export const MAILGUN_KEY = 'key-0123456789abcdef0123456789abcdef';

/** A Mailgun body with its in-body signature for `timestampSeconds`. */
export function mailgunBody(
  sample: Record<string, unknown>,
  timestampSeconds: number,
  token = 'a'.repeat(50),
) {
  const timestamp = String(timestampSeconds);
  const signature = createHmac('sha256', MAILGUN_KEY)
    .update(timestamp + token)
    .digest('hex');
  return JSON.stringify({ ...sample, signature: { timestamp, token, signature } });
}

/** A SendGrid key pair: the public half (base64 DER, as SendGrid shows it) goes in the env. */
export function sendgridKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    headers(body: string, timestampSeconds: number): Record<string, string> {
      const timestamp = String(timestampSeconds);
      const signature = sign('sha256', Buffer.from(timestamp + body), {
        key: privateKey,
        dsaEncoding: 'der',
      });
      return {
        'X-Twilio-Email-Event-Webhook-Signature': signature.toString('base64'),
        'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
      };
    },
  };
}

export const RESEND_SECRET = `whsec_${Buffer.from('resend-test-secret-0123456789').toString('base64')}`;

/** Svix headers for a Resend body. */
export function svixHeaders(body: string, id: string, timestampSeconds: number, secret = RESEND_SECRET) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return { 'svix-id': id, 'svix-timestamp': String(timestampSeconds), 'svix-signature': `v1,${signature}` };
}
