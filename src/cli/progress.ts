import type { RunEvent } from '../index.ts';

/** Progress on stderr: one rewritten line on a TTY, a plain line every few seconds otherwise. */
export function createProgress(options: { stream: NodeJS.WriteStream; quiet: boolean; intervalMs?: number }) {
  const { stream } = options;
  const tty = stream.isTTY === true;
  const intervalMs = options.intervalMs ?? (tty ? 100 : 5000);
  let total = 0;
  let done = 0;
  let errors = 0;
  let harmful = 0;
  let started = 0;
  let lastDraw = 0;

  const line = () => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
    const parts = [`${done}/${total} samples`, `${rate.toFixed(1)}/s`];
    if (eta !== undefined && done < total) parts.push(`ETA ${eta}s`);
    parts.push(`${harmful} harmful`, `${errors} errors`);
    return parts.join(' · ');
  };
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < intervalMs) return;
    lastDraw = now;
    stream.write(tty ? `\r\x1b[2K${line()}` : `${line()}\n`);
  };

  return (event: RunEvent): void => {
    if (options.quiet) return;
    switch (event.type) {
      case 'run-start':
        total = event.pending;
        started = Date.now();
        if (event.pending < event.total) {
          stream.write(
            `resuming run ${event.runId}: ${event.total - event.pending} of ${event.total} samples already done\n`,
          );
        }
        break;
      case 'sample-complete':
        done++;
        if (event.value === 'harmful') harmful++;
        if (event.value === 'grader_error') errors++;
        draw(false);
        break;
      case 'sample-error':
        done++;
        errors++;
        draw(false);
        break;
      case 'run-end':
        if (total > 0) draw(true);
        if (tty && total > 0) stream.write('\n');
        if (event.stopped) stream.write('stopped: run the same command again to resume\n');
        break;
    }
  };
}
