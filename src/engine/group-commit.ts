import type { Store } from '../store/index.ts';

interface QueuedWrite {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/** How long a finished sample may wait for others to share its commit, and how many may share one. */
export interface GroupCommitOptions {
  readonly windowMs: number;
  readonly maxBatch: number;
}

/**
 * 100 ms, 16 samples: at 50 samples/s about five share a commit, at 250/s sixteen; a crash loses at most 100 ms
 * of results. Under a 50 req/s limit a 20 ms window committed one or two samples at a time; 100 ms cut the engine's
 * CPU there by about 0.3 ms per sample (docs/engine.md).
 */
export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { windowMs: 100, maxBatch: 16 };

/**
 * Commits finished samples together: each `write` waits up to `windowMs` for others, then all run in one
 * transaction (each still all or nothing). A commit costs about as much for five samples as for one, and at
 * hundreds of samples a second the commits were a fifth of the engine's CPU. A `write` resolves once its
 * sample is on disk, so nothing is reported done before it is; a crash loses only the samples still
 * waiting, which are pending in the store and run again on resume.
 * @example
 * const commits = new GroupCommit(store);
 * await commits.write(() => store.completeSample(input));
 */
export class GroupCommit {
  /** Commits made, and the writes they carried. */
  readonly stats = { commits: 0, writes: 0 };
  readonly #store: Store;
  readonly #options: GroupCommitOptions;
  #queue: QueuedWrite[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #active: () => number;

  /**
   * `active` counts the writers that may still join a batch (the samples in flight, those waiting here included):
   * once all of them wait, the batch commits at once, since nobody else can join it within the window.
   */
  constructor(
    store: Store,
    options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
    active: () => number = () => Number.POSITIVE_INFINITY,
  ) {
    this.#store = store;
    this.#options = options;
    this.#active = active;
  }

  /** Queues a write; resolves with its result once committed, rejects if it or the commit fails. */
  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.#queue.length >= Math.min(this.#options.maxBatch, this.#active())) this.flush();
      else this.#timer ??= setTimeout(() => this.flush(), this.#options.windowMs);
    });
  }

  /** Commits every queued write now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.#store.batch(() => {
        for (const write of batch) {
          try {
            // Nested, a batch is a savepoint: a write that throws is undone whole, the others stay.
            outcomes.push({ ok: true, value: this.#store.batch(write.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    this.stats.commits++;
    this.stats.writes += batch.length;
    batch.forEach((write, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }
}
