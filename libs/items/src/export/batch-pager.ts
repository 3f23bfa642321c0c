/** Where an export starts and how much of it there is (`limit` -1 = all). */
export interface PageWindow {
  offset: number;
  limit: number;
  batchSize: number;
}

/** One fetched batch: its rows in some form, and how many there are. */
export interface Batch {
  count: number;
}

/**
 * The batches of an export, lazily: the next one is only asked for once the previous one has been consumed,
 * so at most one batch is in memory; stops at the first short batch or at the caller's limit.
 */
export async function* pageBatches<T extends Batch>(
  window: PageWindow,
  fetch: (offset: number, limit: number) => Promise<T>,
): AsyncGenerator<T> {
  let done = 0;
  while (window.limit < 0 || done < window.limit) {
    const size = window.limit < 0 ? window.batchSize : Math.min(window.batchSize, window.limit - done);
    const batch = await fetch(window.offset + done, size);
    if (batch.count > 0) yield batch;
    done += batch.count;
    if (batch.count < size) return;
  }
}
