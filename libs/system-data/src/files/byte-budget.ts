import { Readable } from 'node:stream';

/**
 * The bytes one request may still store under its project's quota, shared by all its file parts: a part
 * that runs past what is left fails mid-stream with `refuse()`, so the driver discards what it had written
 * and nothing larger than the quota allows is ever kept. `null`: no quota, no limit.
 */
export class ByteBudget {
  private spent = 0;

  constructor(
    private readonly limit: number | null,
    private readonly refuse: () => Error,
  ) {}

  /** `content`, counted against the budget as it flows. */
  meter(content: Readable): Readable {
    if (this.limit === null) return content;
    const limit = this.limit;
    const fits = (bytes: number): boolean => (this.spent += bytes) <= limit;
    const refuse = this.refuse;
    async function* chunks(): AsyncGenerator<Buffer> {
      for await (const chunk of content) {
        // Leaving the loop ends the source's iteration, which destroys it.
        if (!fits((chunk as Buffer).length)) throw refuse();
        yield chunk as Buffer;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }
}
