import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Loopback and private ranges: the only places PRIVATE_MODE lets questions go. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** The ranges, as the startup line and the error name them. */
export const PRIVATE_RANGES =
  '127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, ::1, fc00::/7, fe80::/10';

/** True for a loopback or private IPv4/IPv6 address (IPv4-mapped IPv6 counts as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  if (family === 6) return PRIVATE.check(bare, 'ipv6');
  return false;
}

/** Resolves hostnames; replaceable in tests so no test depends on the machine's DNS. */
export type Resolve = (hostname: string) => Promise<string[]>;

/** The system resolver (what the SDK's fetch will use too): every address of the name. */
export const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** The verdict on one endpoint. */
export type HostCheck =
  | { ok: true; host: string; addresses: string[] }
  | { ok: false; host: string; reason: string };

/**
 * Checks that a URL's host is loopback or private. A name is resolved and
 * every address it resolves to must be private: one public address is
 * enough to refuse, since the client may pick any of them.
 */
export async function checkPrivateHost(url: string, resolve: Resolve = systemResolve): Promise<HostCheck> {
  const host = new URL(url).hostname;
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(bare) ? [bare] : await resolve(bare);
  } catch (error) {
    return { ok: false, host, reason: `${host} could not be resolved (${String(error)})` };
  }
  const publicOnes = addresses.filter((a) => !isPrivateAddress(a));
  if (addresses.length === 0 || publicOnes.length > 0)
    return {
      ok: false,
      host,
      reason: `${host} is not a loopback or private address (${(publicOnes.length ? publicOnes : addresses).join(', ') || 'no address'})`,
    };
  return { ok: true, host, addresses };
}
