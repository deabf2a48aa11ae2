import { BlockList, isIP } from 'node:net';
import type { AddressRange } from './types.js';

/**
 * Address ranges a link check must not reach unless allowed: a URL in a docs page must not make
 * compatlint talk to the machine it runs on, its network, or a cloud metadata service
 * (169.254.169.254). `net.BlockList` matches IPv4 rules against IPv4-mapped IPv6 addresses
 * too (`::ffff:127.0.0.1`, `::ffff:7f00:1`), so the mapped forms need no rules of their own.
 */
const RANGES: ReadonlyArray<readonly [AddressRange, string, number, 'ipv4' | 'ipv6']> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  // Shared address space (carrier-grade NAT): as internal as the private ranges.
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  // IETF protocol assignments (DS-Lite, NAT64 discovery), benchmarking, documentation.
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  // The deprecated IPv4-compatible form (`::7f00:1`); never a public server.
  ['reserved', '::', 96, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  // Site-local, deprecated but still routed inside some networks.
  ['private', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
  // Addresses that carry an IPv4 address for a translator or tunnel to reach: NAT64 (well-known
  // and local-use prefixes), SIIT's IPv4-translated form, 6to4 and Teredo. The IPv4 address inside
  // may be 127.0.0.1 or 10.0.0.1, and a gateway on the way would connect to it.
  ['translated', '64:ff9b::', 96, 'ipv6'],
  ['translated', '64:ff9b:1::', 48, 'ipv6'],
  ['translated', '::ffff:0:0:0', 96, 'ipv6'],
  ['translated', '2002::', 16, 'ipv6'],
  ['translated', '2001::', 32, 'ipv6'],
  // Discard-only and documentation prefixes.
  ['reserved', '100::', 64, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
];

const lists: ReadonlyArray<readonly [AddressRange, BlockList]> = RANGES.map(([range, network, prefix, type]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return [range, list] as const;
});

/** `[::1]` (a URL's host) or `fe80::1%eth0` (with a zone) to a bare address. */
export function bareAddress(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
}

/** The range an IP address lies in when it must not be contacted; null for a public address. */
export function nonPublicRange(address: string): AddressRange | null {
  const bare = bareAddress(address);
  const family = isIP(bare);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [range, list] of lists) if (list.check(bare, type)) return range;
  return null;
}

/** Addresses and CIDR ranges (`127.0.0.1`, `10.1.0.0/16`, `fd00::/8`) as a BlockList; throws on a malformed entry. */
export function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry.trim());
    const address = m ? bareAddress(m[1] as string) : '';
    const family = isIP(address);
    const prefix = m?.[2] === undefined ? (family === 4 ? 32 : 128) : Number(m[2]);
    if (family === 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`expected an IP address or CIDR range such as 10.0.0.0/8, found "${entry}"`);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}
