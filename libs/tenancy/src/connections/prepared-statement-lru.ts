/**
 * The named statements one connection holds, least recently used first. PostgreSQL keeps a prepared
 * statement (and its cached plan) for the life of the connection, so a connection that meets many distinct
 * statements must drop some: the one run longest ago goes, so the shapes an API runs all the time stay.
 */
export class PreparedStatementLru {
  /** Map order is recency order: the first key is the least recently used. */
  private readonly names = new Map<string, true>();

  constructor(readonly max: number) {}

  /** Records a run of `name`; answers the names to drop to stay within `max`, oldest first (often none). */
  use(name: string): string[] {
    if (this.names.delete(name)) {
      this.names.set(name, true);
      return [];
    }
    this.names.set(name, true);
    const dropped: string[] = [];
    for (const oldest of this.names.keys()) {
      if (this.names.size <= this.max) break;
      this.names.delete(oldest);
      dropped.push(oldest);
    }
    return dropped;
  }

  /** Takes a name back as the least recently used (its drop failed: it is still prepared, and counts). */
  restore(name: string): void {
    if (this.names.has(name)) return;
    const rest = [...this.names.keys()];
    this.names.clear();
    this.names.set(name, true);
    for (const other of rest) this.names.set(other, true);
  }

  get size(): number {
    return this.names.size;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }
}
