import { createHmac, timingSafeEqual } from 'node:crypto';

/** What one recall link in a digest stands for: this subscriber answering this item of this issue with this option. */
export interface RecallClaim {
  subscriberId: string;
  /** The issue the link was sent in, e.g. `2026-W49`. */
  weekKey: string;
  itemId: string;
  /** Index of the option the link stands for. */
  choice: number;
}

/** Signs and verifies the per-option links of the digest's "Check yourself" block. */
export interface RecallTokens {
  sign(claim: RecallClaim, expiresAt: Date): string;
  /** The claim, `expired`, or null for anything forged, truncated or malformed. */
  verify(token: string, now: Date): RecallClaim | 'expired' | null;
}

const VERSION = 1;
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WEEK = /^\d{4}-W\d{2}$/;
/** Item ids are `slug~hash`; the cap keeps a link well under any client's URL limit. */
const MAX_ITEM_BYTES = 120;

/**
 * HMAC-SHA256 tokens (128-bit tag) over version (1 byte) + subscriber uuid
 * (16) + expiry in seconds (4) + choice (1) + week key (8) + item id, in
 * base64url. Same secret as the unsubscribe links but its own key domain, so
 * neither kind of token can stand in for the other. Signed rather than stored:
 * the digest writes nothing per recipient to put these links in an email.
 */
export function createRecallTokens(secret: string): RecallTokens {
  if (secret.length < 16) throw new Error('the token secret must be at least 16 characters');
  const mac = (payload: Buffer) =>
    createHmac('sha256', `concept-tutor/recall-token/v1\0${secret}`)
      .update(payload)
      .digest()
      .subarray(0, MAC_BYTES);
  return {
    sign(claim, expiresAt) {
      if (!UUID.test(claim.subscriberId)) throw new Error(`not a subscriber id: ${claim.subscriberId}`);
      if (!WEEK.test(claim.weekKey)) throw new Error(`not a week key: ${claim.weekKey}`);
      if (!Number.isInteger(claim.choice) || claim.choice < 0 || claim.choice > 9)
        throw new Error(`not an option index: ${claim.choice}`);
      const item = Buffer.from(claim.itemId, 'utf8');
      if (item.length === 0 || item.length > MAX_ITEM_BYTES)
        throw new Error(`item id too long: ${claim.itemId}`);
      const head = Buffer.alloc(30);
      head[0] = VERSION;
      Buffer.from(claim.subscriberId.replace(/-/g, ''), 'hex').copy(head, 1);
      head.writeUInt32BE(Math.ceil(expiresAt.getTime() / 1000), 17);
      head[21] = claim.choice;
      head.write(claim.weekKey, 22, 'ascii');
      const payload = Buffer.concat([head, item]);
      return Buffer.concat([payload, mac(payload)]).toString('base64url');
    },
    verify(token, now) {
      if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length < 31 + MAC_BYTES) return null;
      const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
      if (!timingSafeEqual(mac(payload), bytes.subarray(bytes.length - MAC_BYTES))) return null;
      if (payload[0] !== VERSION) return null;
      if (payload.readUInt32BE(17) * 1000 <= now.getTime()) return 'expired';
      const hex = payload.subarray(1, 17).toString('hex');
      return {
        subscriberId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
        choice: payload[21]!,
        weekKey: payload.subarray(22, 30).toString('ascii'),
        itemId: payload.subarray(30).toString('utf8'),
      };
    },
  };
}
