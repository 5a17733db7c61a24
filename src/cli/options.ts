import { existsSync } from 'node:fs';
import { ConfigError, MAX_TIMER_MS } from '../spec/index.ts';
import { defaultStorePath, openStore, type RunRecord, type Store } from '../store/index.ts';

/** Commander collector for repeatable, comma-separated list options: `--model a,b --model c`. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

/** Parses a positive integer option, naming the flag when it is not one. */
export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = decimalInteger(value);
    if (!Number.isInteger(n) || n < 1)
      throw new ConfigError('invalid-input', `${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** Parses a whole number ≥ 0 option (a port, a seed, a count that may be none), naming the flag when it is not one. */
export function nonNegativeInteger(flag: string) {
  return (value: string): number => {
    const n = decimalInteger(value);
    if (Number.isSafeInteger(n)) return n;
    const why = Number.isNaN(n) ? 'must be a whole number ≥ 0' : `must be at most ${Number.MAX_SAFE_INTEGER}`;
    throw new ConfigError('invalid-input', `${flag} ${why}, got "${value}"`);
  };
}

/** Parses a number ≥ 0 option (a cost, a timeout), naming the flag when it is not one. */
export function nonNegativeNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new ConfigError('invalid-input', `${flag} must be a number ≥ 0, got "${value}"`);
    return n;
  };
}

/** Parses a number > 0 option (a timeout: 0 would fail every request), naming the flag when it is not one. */
export function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new ConfigError('invalid-input', `${flag} must be a number > 0, got "${value}"`);
    return n;
  };
}

/** A whole number written in plain decimal digits, or NaN: `Number` would also take `0x10`, `1e1`, `16.0` and ` 16`. */
export function decimalInteger(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * Bounds a duration option that ends in a timer (`--timeout`, `--latency-ms`): Node's setTimeout fires at once
 * past 2^31 − 1 ms, so a longer wait would become none. `parse` checks the value itself.
 * @example timerDuration('--timeout', 'seconds', positiveNumber('--timeout'))('3000000') // throws
 */
export function timerDuration(flag: string, unit: 'seconds' | 'ms', parse: (value: string) => number) {
  const msPerUnit = unit === 'seconds' ? 1000 : 1;
  return (value: string): number => {
    const n = parse(value);
    if (n * msPerUnit > MAX_TIMER_MS)
      throw new ConfigError(
        'invalid-input',
        `${flag} must be at most ${Math.floor(MAX_TIMER_MS / msPerUnit)} ${unit} (about 24 days), got "${value}"`,
      );
    return n;
  };
}

/** `--timeout <seconds>` of `run`, `regrade`, `grade` and `import study`: a number > 0, within a timer's reach. */
export const timeoutSeconds = timerDuration('--timeout', 'seconds', positiveNumber('--timeout'));

/** Parses a port option: a whole number within 0–65535 (0 picks a free port). */
export function portNumber(flag: string) {
  return (value: string): number => {
    const n = decimalInteger(value);
    if (!Number.isInteger(n) || n > 65_535)
      throw new ConfigError('invalid-input', `${flag} must be a whole number 0–65535, got "${value}"`);
    return n;
  };
}

/** The store path: `--store`, then HAYWIRE_STORE, then ./.haywire/haywire.db. */
export function storePath(option: string | undefined): string {
  return option ?? process.env.HAYWIRE_STORE ?? defaultStorePath();
}

/** Opens a store that must already exist (show, runs): a missing one is a user error, not an empty store. */
export function openExistingStore(path: string): Store {
  if (!existsSync(path))
    throw new ConfigError('missing-file', `no store at ${path}: run \`haywire run\` first, or pass --store`);
  return openStore(path);
}

/** The newest run, or a user error that says how to make one. */
export function latestRunOf(store: Store): RunRecord {
  const run = store.latestRun();
  if (run === undefined)
    throw new ConfigError('unknown-name', `no runs in ${store.path}: run \`haywire run\` first`);
  return run;
}

/** `--base-url` for judges: every provider judge goes to that endpoint (e.g. `haywire mock-server`). */
export function judgeEndpoint(baseUrl: string | undefined): { baseUrl?: string } {
  return baseUrl === undefined ? {} : { baseUrl };
}
