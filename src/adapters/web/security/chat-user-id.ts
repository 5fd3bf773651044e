import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import type { WebSettings } from '../web-settings.js';
import { clientIp } from './client-ip.js';

/**
 * The key the web's per-person chat limit counts under: the client's network
 * address (as TRUST_PROXY says to read it), not the visitor cookie, which
 * anyone can drop to get a fresh allowance. An IPv6 client is keyed by its
 * /64, since one machine is routinely given a whole /64 to pick addresses
 * from. People behind one NAT share an allowance; that is the price of a
 * limit that a new cookie cannot reset.
 */
export function chatUserId(c: Context, settings: Pick<WebSettings, 'trustedProxies'>): string {
  return `ip:${addressKey(clientIp(c, settings.trustedProxies))}`;
}

/** An IPv4 address as is (also when IPv4-mapped), an IPv6 address as its /64 prefix; anything else as given. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
