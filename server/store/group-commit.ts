// Group commit: appends that arrive in the same tick, from every table of the process, are written by one transaction
// (one fsync) instead of one each. Nobody is answered before that transaction is durable.

/** What a batch's commit says of each of its entries, in order: undefined when stored, or why that one alone was refused. */
export type EntryOutcomes = (Error | undefined)[];

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Collects items and hands them to `commit` in batches: on the next setImmediate (so everything accepted in this turn
 * of the event loop goes together), or at once when `maxBatch` are waiting. One batch at a time, in arrival order, so
 * entries of one table are written in the order they came. When `commit` throws, the whole batch is rejected.
 */
export class GroupCommit<T> {
  readonly #commit: (items: T[]) => EntryOutcomes | Promise<EntryOutcomes>;
  readonly #maxBatch: number;
  #queue: Waiting<T>[] = [];
  #scheduled = false;
  #running: Promise<void> | null = null;
  /** Batches committed, items they stored, batches that failed. */
  readonly counts = { batches: 0, entries: 0, failedBatches: 0 };

  constructor(commit: (items: T[]) => EntryOutcomes | Promise<EntryOutcomes>, maxBatch: number) {
    this.#commit = commit;
    this.#maxBatch = maxBatch;
  }

  /** Resolves once the item's batch is committed; rejects with its own refusal, or with the batch's failure. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#queue.length >= this.#maxBatch) this.#next();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.#next();
        });
      }
    });
  }

  /** Resolves once nothing is waiting or being written (close() calls it before releasing the database). */
  async drain(): Promise<void> {
    while (this.#running || this.#queue.length > 0) {
      this.#next();
      await this.#running;
    }
  }

  #next(): void {
    if (this.#running || this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#maxBatch);
    this.#running = this.#write(batch).finally(() => {
      this.#running = null;
      // What arrived while this batch was written goes next, without waiting for another tick.
      this.#next();
    });
  }

  async #write(batch: Waiting<T>[]): Promise<void> {
    let outcomes: EntryOutcomes;
    try {
      outcomes = await this.#commit(batch.map((waiting) => waiting.item));
    } catch (error) {
      this.counts.failedBatches += 1;
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    this.counts.batches += 1;
    batch.forEach((waiting, i) => {
      const refusal = outcomes[i];
      if (refusal) waiting.reject(refusal);
      else {
        this.counts.entries += 1;
        waiting.resolve();
      }
    });
  }
}
