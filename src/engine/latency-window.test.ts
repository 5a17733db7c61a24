import { describe, expect, it } from 'vitest';
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
});
