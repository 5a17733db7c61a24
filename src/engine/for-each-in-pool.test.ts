import { describe, expect, it } from 'vitest';
import { forEachInPool } from './for-each-in-pool.ts';

describe('forEachInPool', () => {
  it('takes items in order, at most `workers` at once, each once', async () => {
    const started: number[] = [];
    let now = 0;
    let peak = 0;
    await forEachInPool([5, 1, 4, 2, 3, 0], 3, async (delay, index) => {
      started.push(index);
      peak = Math.max(peak, ++now);
      await new Promise((resolve) => setTimeout(resolve, delay));
      now--;
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(3);
  });

  it('stops taking items once asked; items already taken finish', async () => {
    const done: number[] = [];
    let stop = false;
    await forEachInPool(
      [0, 1, 2, 3, 4, 5, 6, 7],
      2,
      async (item) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        done.push(item);
        if (item === 2) stop = true;
      },
      () => stop,
    );
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThanOrEqual(4);
    expect(new Set(done).size).toBe(done.length);
  });
});
