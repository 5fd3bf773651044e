import { type KeyObject, verify, X509Certificate } from 'node:crypto';
import type { Clock } from '../../../core/ports.js';
import { type SnsHttp, snsUrl } from './sns-http.js';

/** An SNS message as posted to an HTTP(S) subscription. */
export type SnsMessage = Record<string, unknown>;

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];

/**
 * The string SNS signs (docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html):
 * for each field in byte order, present or required, its name, a newline, its
 * value, a newline. Subject is left out of a Notification when absent.
 */
export function snsStringToSign(message: SnsMessage): string | null {
  const type = message.Type;
  const keys =
    type === 'Notification'
      ? NOTIFICATION_KEYS
      : type === 'SubscriptionConfirmation' || type === 'UnsubscribeConfirmation'
        ? CONFIRMATION_KEYS
        : null;
  if (!keys) return null;
  let out = '';
  for (const key of keys) {
    const value = message[key];
    if (value === undefined || value === null) {
      if (key === 'Subject') continue;
      return null;
    }
    if (typeof value !== 'string') return null;
    out += `${key}\n${value}\n`;
  }
  return out;
}

/** At most this many signing certificates are kept; SNS uses one per region at a time. */
const CACHE_LIMIT = 32;

/**
 * Verifies SNS signatures: SignatureVersion 1 (SHA1withRSA) and 2
 * (SHA256withRSA) over {@link snsStringToSign}, with the certificate from
 * SigningCertURL, which must pass {@link snsUrl} and be valid now. Parsed
 * certificates are cached by URL; a failed fetch is not.
 */
export function createSnsSignatureVerifier(options: { http: SnsHttp; clock: Clock }) {
  const cache = new Map<string, Promise<KeyObject>>();

  const keyFor = (url: URL): Promise<KeyObject> => {
    const cached = cache.get(url.href);
    if (cached) return cached;
    const loading = options.http.get(url).then((pem) => {
      const cert = new X509Certificate(pem);
      const now = options.clock.now().getTime();
      if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo))
        throw new Error('the SNS signing certificate is not valid now');
      return cert.publicKey;
    });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(url.href, loading);
    loading.catch(() => cache.delete(url.href));
    return loading;
  };

  /** Why the message is not authentic, or null when it is. */
  return async (message: SnsMessage): Promise<string | null> => {
    const version = message.SignatureVersion;
    const algorithm = version === '1' ? 'sha1' : version === '2' ? 'sha256' : null;
    if (!algorithm) return 'unsupported SignatureVersion';
    const signed = snsStringToSign(message);
    if (signed === null) return 'fields missing for the signature';
    if (typeof message.Signature !== 'string') return 'no Signature';
    const url = snsUrl(typeof message.SigningCertURL === 'string' ? message.SigningCertURL : '');
    if (!url) return 'SigningCertURL is not an https URL on sns.<region>.amazonaws.com';
    let key: KeyObject;
    try {
      key = await keyFor(url);
    } catch {
      return 'could not load the SNS signing certificate';
    }
    const ok = verify(algorithm, Buffer.from(signed, 'utf8'), key, Buffer.from(message.Signature, 'base64'));
    return ok ? null : 'bad SNS signature';
  };
}
