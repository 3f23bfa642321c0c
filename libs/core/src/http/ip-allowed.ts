import { BlockList, isIP } from 'node:net';

/**
 * Whether a policy's `ip_access` (Directus: a CSV of addresses and CIDR ranges, empty = anywhere) lets a
 * request from `ip` through. Unparseable entries match nothing, so a typo narrows access instead of
 * widening it; an unknown caller address is refused by any non-empty list.
 */
export function ipAllowed(
  ipAccess: string | readonly string[] | null | undefined,
  ip: string | null,
): boolean {
  const entries = (typeof ipAccess === 'string' ? ipAccess.split(',') : (ipAccess ?? []))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return true;
  const address = normalise(ip);
  if (!address) return false;
  const list = new BlockList();
  for (const entry of entries) add(list, entry);
  return list.check(address.ip, address.family);
}

function normalise(ip: string | null): { ip: string; family: 'ipv4' | 'ipv6' } | null {
  if (!ip) return null;
  // IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d.
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(plain);
  if (family === 4) return { ip: plain, family: 'ipv4' };
  if (family === 6) return { ip: plain, family: 'ipv6' };
  return null;
}

function add(list: BlockList, entry: string): void {
  const [address, prefixText] = entry.split('/');
  const family = isIP(address);
  if (family === 0) return;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(address, type);
    return;
  }
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return;
  list.addSubnet(address, prefix, type);
}
