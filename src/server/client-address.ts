/**
 * Whom a per-address limit counts: an IPv4 address as is, an IPv6 address by its /64 (one home or
 * server gets a whole /64 and could otherwise take a new address for every attempt).
 */
import { isIPv4, isIPv6 } from 'node:net';

const IPV6_GROUPS = 8;
const NETWORK_GROUPS = 4;

export function clientNetwork(ip: string): string {
  const address = ip.split('%')[0]!;
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:([\d.]+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) => (part ? part.split(':').flatMap((group) => (isIPv4(group) ? ['0', '0'] : [group])) : []);
  const written = [...groupsOf(head), ...Array<string>(tail === undefined ? 0 : IPV6_GROUPS - groupsOf(head).length - groupsOf(tail).length).fill('0'), ...groupsOf(tail ?? '')];
  return `${written.slice(0, NETWORK_GROUPS).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** What a staff member's session list shows of an address: IPv4 by its /24, IPv6 by its /64. */
export function shortNetwork(ip: string): string {
  const network = clientNetwork(ip);
  if (!isIPv4(network)) return network;
  return `${network.split('.').slice(0, 3).join('.')}.0/24`;
}
