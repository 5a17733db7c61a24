/**
 * Runs `work` on each item in order, `workers` at a time: each worker takes the next item when its last is done.
 * Stops taking items once `shouldStop` says so; items already taken finish. While `hold` gives a promise, a worker
 * waits for it, then asks again.
 * @example await forEachInPool(samples, 2 * concurrency, (sample) => runOne(sample), () => signal.aborted)
 */
export async function forEachInPool<T>(
  items: readonly T[],
  workers: number,
  work: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
  hold: () => Promise<void> | undefined = () => undefined,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      if (next >= items.length || shouldStop()) return;
      const wait = hold();
      if (wait !== undefined) {
        await wait;
        continue;
      }
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}
