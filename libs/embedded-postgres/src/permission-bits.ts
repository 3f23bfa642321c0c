/** The parts of `fs.Stats` that decide access. */
export interface FileOwnership {
  mode: number;
  uid: number;
  gid: number;
}

export interface Identity {
  uid: number;
  gid: number;
}

const SHIFT = { owner: 6, group: 3, other: 0 } as const;
const BIT = { r: 4, w: 2, x: 1 } as const;

/**
 * Whether `who` has permission `access` on a file, by the classic owner/group/other bits. Only the primary
 * group counts: when Node spawns a child with `uid`/`gid`, libuv drops supplementary groups, so the server
 * process really has just that one group. ACLs are ignored (rare on a data directory's parents).
 */
export function hasPermission(file: FileOwnership, who: Identity, access: keyof typeof BIT): boolean {
  if (who.uid === 0) return access !== 'x' || (file.mode & 0o111) !== 0;
  const cls = file.uid === who.uid ? 'owner' : file.gid === who.gid ? 'group' : 'other';
  return ((file.mode >> SHIFT[cls]) & BIT[access]) !== 0;
}
