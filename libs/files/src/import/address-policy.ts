import * as ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/**
 * Which addresses an import may connect to. Built in: only public unicast addresses (no loopback, private,
 * link-local, CGNAT, multicast, reserved or cloud-metadata address). `allow` exempts ranges from that
 * (a test server on 127.0.0.1, an intranet host); `deny` refuses more and always wins.
 */
export interface AddressPolicy {
  allow: readonly Range[];
  deny: readonly Range[];
  /** The server's own interface addresses: a public one still reaches this machine's services. */
  own: readonly Range[];
}

/** Only 2000::/3 is handed out as global unicast; everything else of IPv6 is local, special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as Range;

/** Named by ipaddr.js's `range()`; anything but `unicast` is refused unless allowed. */
const PUBLIC_RANGE = 'unicast';

/** `10.0.0.0/8`, `::1` or `2130706433` as a range (a lone address is a range of one). Throws when invalid. */
export function parseAddressRange(text: string): Range {
  const trimmed = text.trim();
  if (trimmed.includes('/')) {
    const [address, bits] = ipaddr.parseCIDR(trimmed);
    return [canonical(address), canonicalBits(address, bits)];
  }
  const address = canonical(ipaddr.parse(trimmed));
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

export function isAddressRange(text: string): boolean {
  try {
    parseAddressRange(text);
    return true;
  } catch {
    return false;
  }
}

/** A policy from the configured lists (`IMPORT_IP_ALLOW_LIST`, `IMPORT_IP_DENY_LIST`), already validated. */
export function addressPolicy(lists: {
  allow: readonly string[];
  deny: readonly string[];
  own?: readonly string[];
}): AddressPolicy {
  return {
    allow: lists.allow.map(parseAddressRange),
    deny: lists.deny.map(parseAddressRange),
    own: (lists.own ?? []).filter((address) => ipaddr.isValid(address)).map(parseAddressRange),
  };
}

/**
 * Why an import must not connect to `address` (an IP literal, as DNS or the URL gives it), or null when it
 * may. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is judged as the IPv4 address it reaches.
 */
export function refusalOf(text: string, policy: AddressPolicy): string | null {
  if (!ipaddr.isValid(text)) return `"${text}" is not an IP address`;
  const address = canonical(ipaddr.parse(text));
  if (inAny(address, policy.deny)) return `${address.toString()} is in IMPORT_IP_DENY_LIST`;
  if (inAny(address, policy.allow)) return null;
  if (inAny(address, policy.own)) return `${address.toString()} is an address of this server`;
  const kind = builtInRefusal(address);
  return kind === null ? null : `${address.toString()} is a ${kind} address`;
}

function builtInRefusal(address: Address): string | null {
  const range = address.range();
  if (range !== PUBLIC_RANGE) return range;
  if (address.kind() === 'ipv6' && !address.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return null;
}

function inAny(address: Address, ranges: readonly Range[]): boolean {
  return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}

/** IPv4-mapped IPv6 addresses become the IPv4 address, so one rule covers both spellings. */
function canonical(address: Address): Address {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

/** `::ffff:10.0.0.0/104` is `10.0.0.0/8`. */
function canonicalBits(original: Address, bits: number): number {
  const mapped = original.kind() === 'ipv6' && (original as ipaddr.IPv6).isIPv4MappedAddress();
  return mapped ? Math.max(0, bits - 96) : bits;
}
