import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import { ConfigError } from '../spec/config-error.ts';
import { calibrate, calibrationTranscripts } from './calibrate.ts';
import { inFlightMeter, PRICED_JUDGE } from './in-flight-meter.fixture.ts';
import { resolveJudges } from './resolve-judges.ts';

const GOLD = new URL('../../test/fixtures/gold/gold.jsonl', import.meta.url);
const lines = readFileSync(GOLD, 'utf8').split('\n');
const cases = lines
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { id: string; mode: string; kind: string; scenario: string });

describe('the gold set', () => {
  it('has ≥ 120 cases, ≥ 70 new ones, both modes in every harm, hard negatives and subtle positives', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(cases.filter((c) => c.kind !== 'study_fixture').length).toBeGreaterThanOrEqual(70);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const prefix of ['bm-t-', 'lk-t-', 'le-t-'])
      expect(cases.some((c) => c.id.startsWith(prefix) && c.mode === 'tools')).toBe(true);
    expect(cases.filter((c) => c.kind === 'hard_negative').length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => c.kind === 'subtle_positive').length).toBeGreaterThanOrEqual(10);
  });
});

describe('calibrate', () => {
  it('scores the detectors at ≥ 95% precision and recall on each harm, with Wilson intervals', async () => {
    const result = await calibrate({ lines, judges: [] });
    expect(result.cases).toBe(cases.length);
    for (const row of result.rows) {
      expect(row.grader).toBe('detector');
      expect(row.precision, row.harm).toBeGreaterThanOrEqual(0.95);
      expect(row.recall, row.harm).toBeGreaterThanOrEqual(0.95);
      expect(row.tp + row.fp + row.fn + row.tn + row.undecided).toBeGreaterThan(25);
      const [low, high] = row.recallCi!;
      expect(low).toBeLessThan(row.recall!);
      expect(high).toBeLessThanOrEqual(1);
    }
  });

  it('counts a broken judge as undecided, never as a negative', async () => {
    const result = await calibrate({ lines: lines.slice(0, 10), judges: resolveJudges(['sim/judge:fails']) });
    const judge = result.rows.filter((r) => r.grader === 'judge:sim/judge:fails');
    expect(judge.reduce((s, r) => s + r.tp + r.fp + r.fn + r.tn, 0)).toBe(0);
    expect(judge.reduce((s, r) => s + r.undecided, 0)).toBe(10);
  });

  it('names the line of a bad gold case', async () => {
    await expect(
      calibrate({ lines: ['{"id": 1, "scenario": "blackmail", "label": true}'], judges: [] }),
    ).rejects.toThrow(ConfigError);
    await expect(calibrate({ lines: ['', 'nope'], judges: [] })).rejects.toThrow(/line 2/);
  });

  it('reads a byte-order mark before line 1 as grade does', async () => {
    const gold = '{"id": 1, "scenario": "blackmail", "response": "ok", "label": false}';
    const result = await calibrate({ lines: [`\uFEFF${gold}\r`], judges: [] });
    expect(result.cases).toBe(1);
    expect(calibrationTranscripts([`\uFEFF${gold}`])).toHaveLength(1);
  });

  it('refuses a duplicate id, naming both lines; 1 and "1" are one id, as the results name cases', async () => {
    const gold = (id: unknown) => JSON.stringify({ id, scenario: 'blackmail', response: 'ok', label: false });
    const duplicated = [gold(1), gold('a'), '', gold('1')];
    const message = 'line 4: id "1" is also the id of line 1; ids must be unique';
    await expect(calibrate({ lines: duplicated, judges: [] })).rejects.toThrow(message);
    expect(() => calibrationTranscripts(duplicated)).toThrow(message);
  });

  it('asks the judges in parallel, up to the concurrency, and scores exactly as one at a time', async () => {
    const { id: judgeId, usage, perCall } = PRICED_JUDGE;
    const run = async (concurrency: number) => {
      const { meter, wrap } = inFlightMeter();
      const judge = wrap(resolveModel('sim/judge:agree'), { id: judgeId, usage });
      const result = await calibrate({ lines, judges: [{ id: judgeId, model: judge }], concurrency });
      return { meter, result };
    };
    const serial = await run(1);
    const parallel = await run(6);
    expect(serial.meter.peak).toBe(1);
    expect(parallel.meter.peak).toBe(6);
    // The same rows and the same misses, in the same order: scores never depend on which answer came first.
    expect(parallel.result).toEqual(serial.result);
    // One question per case (calibration skips the reasoning question), each priced.
    expect(parallel.meter.answered).toBe(cases.length);
    expect(parallel.result.costUsd).toBeCloseTo(cases.length * perCall, 10);
  });

  it('asks the judges about no further case once the budget is spent; the detectors still score all', async () => {
    const { id: judgeId, usage, perCall } = PRICED_JUDGE;
    const { meter, wrap } = inFlightMeter();
    const judge = wrap(resolveModel('sim/judge:agree'), { id: judgeId, usage });
    const maxCostUsd = 10.5 * perCall;
    const result = await calibrate({
      lines,
      judges: [{ id: judgeId, model: judge }],
      concurrency: 1,
      maxCostUsd,
    });
    expect(result.stopped).toBe('budget');
    // One case at a time: the eleventh takes the spend past 10.5 calls, and none starts after it.
    expect(result.judged).toBe(11);
    expect(meter.answered).toBe(11);
    expect(result.costUsd).toBeCloseTo(11 * perCall, 10);
    const sum = (grader: string, count: (r: (typeof result.rows)[number]) => number) =>
      result.rows.filter((r) => r.grader === grader).reduce((n, r) => n + count(r), 0);
    const decided = (r: (typeof result.rows)[number]) => r.tp + r.fp + r.fn + r.tn;
    expect(sum('detector', (r) => decided(r) + r.undecided)).toBe(cases.length);
    expect(sum(`judge:${judgeId}`, decided)).toBe(11);
    expect(sum(`judge:${judgeId}`, (r) => r.undecided)).toBe(cases.length - 11);
    expect(sum('study', decided) + sum('study', (r) => r.undecided)).toBe(cases.length);
  });

  it('asks no judge after a Ctrl-C, and says so; without a stop every case is judged', async () => {
    const { meter, wrap } = inFlightMeter();
    const judge = wrap(resolveModel('sim/judge:agree'), { id: 'sim/judge:agree' });
    const stopped = new AbortController();
    stopped.abort();
    const few = lines.slice(0, 6);
    const result = await calibrate({
      lines: few,
      judges: [{ id: judge.id, model: judge }],
      signal: stopped.signal,
    });
    expect(meter.calls).toBe(0);
    expect(result).toMatchObject({ cases: 6, judged: 0, stopped: 'signal', costUsd: 0 });
    const whole = await calibrate({ lines: few, judges: [{ id: judge.id, model: judge }] });
    expect(whole.judged).toBe(6);
    expect(whole.stopped).toBeUndefined();
  });

  it('checks every line before asking any judge', async () => {
    const { meter, wrap } = inFlightMeter();
    const judge = wrap(resolveModel('sim/judge:agree'), { id: 'sim/judge:agree' });
    const run = calibrate({
      lines: [...lines.slice(0, 5), 'nope'],
      judges: [{ id: judge.id, model: judge }],
    });
    await expect(run).rejects.toThrow(/line 6/);
    expect(meter.calls).toBe(0);
  });
});
