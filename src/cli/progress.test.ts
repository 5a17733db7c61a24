import { describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../index.ts';
import { createProgress } from './progress.ts';

function stream(tty: boolean) {
  const out: string[] = [];
  return {
    out,
    stream: { isTTY: tty, write: (text: string) => out.push(text) } as unknown as NodeJS.WriteStream,
  };
}

const usage = {
  inputTokens: 2500,
  outputTokens: 700,
  reasoningTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};
const cost = { usage, costUsd: 0.25, requests: 1, cacheHits: 0, retries: 0, hedges: 0 };

function events(): RunEvent[] {
  return [
    {
      type: 'run-start',
      runId: 'r',
      total: 4,
      pending: 4,
      pendingByModel: { 'openai/gpt-4.1': 2, 'sim/insider': 2 },
    },
    { type: 'request-retry', model: 'openai/gpt-4.1', kind: 'rate_limit', delayMs: 10 },
    { type: 'request-retry', model: 'openai/gpt-4.1', kind: 'timeout', delayMs: 0, hedge: true },
    // A judge, sampled nothing from: its retries and hedges are counted on a line of its own.
    { type: 'request-retry', model: 'anthropic/claude-sonnet-4-5', kind: 'provider_error', delayMs: 5 },
    {
      type: 'request-retry',
      model: 'anthropic/claude-sonnet-4-5',
      kind: 'timeout',
      delayMs: 0,
      hedge: true,
    },
    { type: 'sample-complete', sampleId: 'a', model: 'openai/gpt-4.1', value: 'harmful', ...cost },
    {
      type: 'sample-error',
      sampleId: 'b',
      model: 'openai/gpt-4.1',
      error: { kind: 'timeout', message: 'slow' },
      ...cost,
    },
    {
      type: 'sample-complete',
      sampleId: 'c',
      model: 'sim/insider',
      value: 'not_harmful',
      ...cost,
      costUsd: 0,
    },
    {
      type: 'run-end',
      runId: 'r',
      completed: 2,
      errors: 1,
      stopped: true,
      stopReason: 'budget',
      costUsd: 0.5,
    },
  ];
}

describe('createProgress', () => {
  it('prints one line per model with done/total, tokens, cost, errors, retries and hedges when not a TTY', () => {
    const { out, stream: s } = stream(false);
    const progress = createProgress({ stream: s, quiet: false, intervalMs: 60_000 });
    for (const event of events()) progress(event);
    const text = out.join('');
    expect(text).toMatch(
      /openai\/gpt-4\.1 · 2\/2 · [\d.]+\/s · 5k in \/ 1k out tokens · \$0\.50 · 1 harmful · 1 errors · 1 retries · 1 hedged/,
    );
    expect(text).toMatch(
      /sim\/insider · 1\/2 · [\d.]+\/s · (ETA \d+s · )?3k in \/ 700 out tokens · \$0\.00 · 0 harmful · 0 errors/,
    );
    expect(text).toMatch(/^anthropic\/claude-sonnet-4-5 \(judge\) · 1 retries · 1 hedged$/m);
    expect(text).not.toContain('\x1b[');
  });

  it('prints lines while nothing completes, stops at the end of the run, and never repeats the last block', () => {
    vi.useFakeTimers();
    try {
      const { out, stream: s } = stream(false);
      const progress = createProgress({ stream: s, quiet: false, intervalMs: 5000 });
      const all = events();
      const [start, retry] = all;
      const complete = all.find((e) => e.type === 'sample-complete');
      progress(start!);
      progress(complete!);
      expect(out).toHaveLength(1);
      // A stall: no sample completes for 20 s, yet a block comes every 5 s, its counts standing still.
      progress(retry!);
      vi.advanceTimersByTime(20_000);
      expect(out.length).toBeGreaterThanOrEqual(4);
      expect(out.at(-1)).toMatch(/openai\/gpt-4\.1 · 1\/2 · [\d.]+\/s · ETA \d+s · .* · 1 retries/);
      const printed = out.length;
      progress({ type: 'run-end', runId: 'r', completed: 1, errors: 0, stopped: true, costUsd: 0.25 });
      // The end repeats nothing already printed, and the timer stops with the run.
      expect(out.length).toBe(printed);
      vi.advanceTimersByTime(60_000);
      expect(out.length).toBe(printed);
    } finally {
      vi.useRealTimers();
    }
  });

  it('redraws the lines in place on a TTY, and prints nothing when quiet', () => {
    const tty = stream(true);
    const progress = createProgress({ stream: tty.stream, quiet: false, intervalMs: 0 });
    for (const event of events()) progress(event);
    expect(tty.out.filter((chunk) => chunk.startsWith('\x1b[3F')).length).toBeGreaterThan(1);
    const quiet = stream(true);
    const silent = createProgress({ stream: quiet.stream, quiet: true });
    for (const event of events()) silent(event);
    expect(quiet.out).toEqual([]);
  });
});
