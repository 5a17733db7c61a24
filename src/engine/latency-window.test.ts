import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/index.ts';
import { LatencyWindow } from './latency-window.ts';

describe('LatencyWindow', () => {
  it('gives quantiles by nearest rank, and nothing when empty', () => {
    const window = new LatencyWindow(256);
    expect(window.quantile(0.95)).toBeUndefined();
    for (let ms = 100; ms > 0; ms--) window.record(ms);
    expect(window.count).toBe(100);
    expect(window.quantile(0.95)).toBe(95);
    expect(window.quantile(0.5)).toBe(50);
    expect(window.quantile(1)).toBe(100);
    expect(window.quantile(0)).toBe(1);
  });

  it('keeps only the last `size` observations', () => {
    const window = new LatencyWindow(4);
    for (const ms of [1000, 1000, 1000, 1000, 10, 20]) window.record(ms);
    expect(window.count).toBe(4);
    expect(window.quantile(1)).toBe(1000);
    window.record(30);
    window.record(40);
    expect(window.quantile(1)).toBe(40);
    expect(window.quantile(0.25)).toBe(10);
  });

  it('agrees with sorting the last `size` observations, duplicates included', () => {
    const random = seededRandom(7);
    const window = new LatencyWindow(50);
    const seen: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const ms = Math.floor(random() * 40);
      window.record(ms);
      seen.push(ms);
      const last = seen.slice(-50).sort((a, b) => a - b);
      for (const q of [0, 0.5, 0.95, 1])
        expect(window.quantile(q)).toBe(last[Math.max(1, Math.ceil(q * last.length)) - 1]);
    }
  });
});
