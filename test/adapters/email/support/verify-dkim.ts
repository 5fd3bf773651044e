import { createHash, createVerify, type KeyObject } from 'node:crypto';

/** Header fields of a raw message, in order, unfolded lines kept raw. */
function headerFields(head: string): Array<{ name: string; raw: string }> {
  return head
    .split(/\r\n(?![ \t])/)
    .filter(Boolean)
    .map((raw) => ({ name: raw.slice(0, raw.indexOf(':')).trim().toLowerCase(), raw }));
}

const relaxedHeader = (raw: string) => {
  const colon = raw.indexOf(':');
  const value = raw
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${raw.slice(0, colon).trim().toLowerCase()}:${value}`;
};

const relaxedBody = (body: string) => {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
};

/**
 * Verifies an rsa-sha256, relaxed/relaxed DKIM signature (RFC 6376) against a
 * public key, the way a receiving server would. Returns the signed header names.
 */
export function verifyDkim(
  raw: Buffer,
  publicKey: KeyObject,
): { signedHeaders: string[]; domain: string; selector: string } {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const fields = headerFields(text.slice(0, split));
  const signature = fields.find((f) => f.name === 'dkim-signature');
  if (!signature) throw new Error('no DKIM-Signature header');
  const tags = Object.fromEntries(
    signature.raw
      .slice(signature.raw.indexOf(':') + 1)
      .replace(/\s+/g, '')
      .split(';')
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]),
  ) as Record<string, string>;
  if (tags.a !== 'rsa-sha256' || tags.c !== 'relaxed/relaxed')
    throw new Error(`unsupported a=${tags.a} c=${tags.c}`);
  const bodyHash = createHash('sha256')
    .update(relaxedBody(text.slice(split + 4)), 'latin1')
    .digest('base64');
  if (bodyHash !== tags.bh) throw new Error('body hash mismatch');
  const signedHeaders = tags.h!.split(':').map((h) => h.toLowerCase());
  const used = new Set<number>();
  const lines = signedHeaders.flatMap((name) => {
    // Bottom-up: the last instance not yet used (RFC 6376 §5.4.2).
    for (let i = fields.length - 1; i >= 0; i--) {
      if (fields[i]!.name === name && !used.has(i) && fields[i] !== signature) {
        used.add(i);
        return [relaxedHeader(fields[i]!.raw)];
      }
    }
    return [];
  });
  const unsigned = relaxedHeader(signature.raw).replace(/([;:]\s*b=)[^;]*/, '$1');
  const verifier = createVerify('RSA-SHA256').update(
    lines.map((l) => `${l}\r\n`).join('') + unsigned,
    'latin1',
  );
  if (!verifier.verify(publicKey, tags.b!, 'base64')) throw new Error('DKIM signature does not verify');
  return { signedHeaders, domain: tags.d!, selector: tags.s! };
}
