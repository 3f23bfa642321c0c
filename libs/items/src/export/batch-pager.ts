/**
 * Where an export starts and how much of it there is (`limit` -1 = all). `keyset`: the export is ordered
 * by the primary key alone, so each batch after the first can start after the previous batch's last key
 * instead of skipping `offset` rows again.
 */
export interface PageWindow {
  offset: number;
  limit: number;
  batchSize: number;
  keyset: boolean;
}

/**
 * One batch to fetch: `limit` rows after skipping `offset`, and — keyset paging — only rows whose key
 * comes after `after` in the export's order (null: from the start).
 */
export interface BatchRequest {
  offset: number;
  limit: number;
  after: string | null;
}

/** One fetched batch: its rows in some form, how many there are and the key of its last row. */
export interface Batch {
  count: number;
  /** The last row's primary key as text (exact for bigints); needed only with keyset paging. */
  lastKey: string | null;
}

/**
 * The batches of an export, lazily: the next one is only asked for once the previous one has been consumed,
 * so at most one batch is in memory; stops at the first short batch or at the caller's limit.
 *
 * Limit/offset paging makes the database walk past every earlier row again for each batch (O(n²) for a
 * whole table). With keyset paging only the first batch skips the caller's `offset`; every later one starts
 * right after the previous batch's last key, which the primary key index finds directly.
 */
export async function* pageBatches<T extends Batch>(
  window: PageWindow,
  fetch: (request: BatchRequest) => Promise<T>,
): AsyncGenerator<T> {
  let done = 0;
  let after: string | null = null;
  while (window.limit < 0 || done < window.limit) {
    const limit = window.limit < 0 ? window.batchSize : Math.min(window.batchSize, window.limit - done);
    const request: BatchRequest =
      window.keyset && after !== null
        ? { offset: 0, limit, after }
        : { offset: window.offset + done, limit, after: null };
    const batch = await fetch(request);
    if (batch.count > 0) yield batch;
    done += batch.count;
    if (batch.count < limit) return;
    if (window.keyset) {
      if (batch.lastKey === null) throw new Error('keyset paging needs the key of the last row of a batch');
      after = batch.lastKey;
    }
  }
}
