/**
 * Runs `work` on each item in order, `workers` at a time: each worker takes the next item when its last is done.
 * Stops taking items once `shouldStop` says so; items already taken finish.
 * @example await forEachInPool(samples, 2 * concurrency, (sample) => runOne(sample), () => signal.aborted)
 */
export async function forEachInPool<T>(
  items: readonly T[],
  workers: number,
  work: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !shouldStop()) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}
