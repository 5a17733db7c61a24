import type { StopReason } from '../engine/run-events.ts';
import { EXIT } from './exit-codes.ts';

/**
 * Ctrl-C in two steps, for commands that work through many samples: the first stops starting new ones (`stop`),
 * the second aborts those in flight (`abort`), a third exits at once. `dispose` removes the handler.
 * @example
 * const interrupts = onInterrupts('finishing samples in flight');
 * try { await work({ signal: interrupts.stop, abortSignal: interrupts.abort }) } finally { interrupts.dispose() }
 */
export function onInterrupts(
  stopping: string,
  stream: NodeJS.WritableStream = process.stderr,
): { stop: AbortSignal; abort: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      stream.write(`\nstopping: ${stopping} (Ctrl-C again to abort them)\n`);
      stop.abort();
    } else if (interrupts === 2) {
      stream.write('\naborting requests in flight\n');
      abort.abort();
    } else process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSigint);
  return { stop: stop.signal, abort: abort.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/**
 * How a command that stopped early says why, and its exit code: a budget reached is an expected end (0), a Ctrl-C
 * an interruption (130).
 * @example const { why, exitCode } = stopOutcome('budget'); // 'at the budget', 0
 */
export function stopOutcome(reason: StopReason | undefined): { why: string; exitCode: number } {
  return reason === 'budget'
    ? { why: 'at the budget', exitCode: EXIT.ok }
    : { why: 'on Ctrl-C', exitCode: EXIT.interrupted };
}
