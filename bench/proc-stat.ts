// Linux's per-process and per-thread CPU counters, for benchmarks that measure another process or their threads.
import { readFileSync } from 'node:fs';

/** Clock ticks are 10 ms on Linux (USER_HZ = 100). */
const MS_PER_TICK = 10;

/**
 * The name and CPU so far of the process or thread whose `/proc/…/stat` file is at `path`, or undefined when it
 * cannot be read (not Linux, or the process has gone). The name is read to the last `)`, as it may contain one.
 * @example readProcStat(`/proc/${pid}/stat`)?.userMs
 */
export function readProcStat(path: string): { name: string; userMs: number; systemMs: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // Fields 14 and 15 of stat(5), utime and stime, are the 12th and 13th after the name.
  return {
    name: stat.slice(stat.indexOf('(') + 1, close),
    userMs: Number(fields[11]) * MS_PER_TICK,
    systemMs: Number(fields[12]) * MS_PER_TICK,
  };
}
