import type { GradingProgress, RunEvent } from '../engine/run-events.ts';

interface ModelProgress {
  total: number;
  done: number;
  errors: number;
  harmful: number;
  retries: number;
  hedges: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  cacheHits: number;
  /** When its last sample was done: its rate stops there, not falling while other models go on. */
  finishedAt?: number;
}

/**
 * Progress on stderr, per model: done/total, rate, ETA, tokens, cost, errors, retries and hedges. On a TTY the lines are
 * redrawn in place, at least every second; otherwise a plain block is printed every few seconds, also while nothing
 * completes (a stall shows as lines whose counts stand still). `quiet` prints nothing.
 */
export function createProgress(options: { stream: NodeJS.WriteStream; quiet: boolean; intervalMs?: number }) {
  const { stream } = options;
  const tty = stream.isTTY === true;
  const intervalMs = options.intervalMs ?? (tty ? 200 : 5000);
  const models = new Map<string, ModelProgress>();
  let started = 0;
  let lastDraw = 0;
  let drawnLines = 0;
  let lastText = '';
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const line = (model: string, p: ModelProgress) => {
    const elapsed = ((p.finishedAt ?? Date.now()) - started) / 1000;
    const rate = elapsed > 0 ? p.done / elapsed : 0;
    const parts = [`${model}`, `${p.done}/${p.total}`, `${rate.toFixed(1)}/s`];
    if (rate > 0 && p.done < p.total) parts.push(`ETA ${formatSeconds((p.total - p.done) / rate)}`);
    parts.push(
      `${formatCount(p.inputTokens)} in / ${formatCount(p.outputTokens)} out tokens`,
      `$${p.costUsd.toFixed(2)}`,
    );
    parts.push(`${p.harmful} harmful`, `${p.errors} errors`);
    if (p.retries > 0) parts.push(`${p.retries} retries`);
    if (p.hedges > 0) parts.push(`${p.hedges} hedged`);
    if (p.cacheHits > 0) parts.push(`${p.cacheHits} cached`);
    return parts.join(' · ');
  };
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < intervalMs) return;
    lastDraw = now;
    const lines = [...models].filter(([, p]) => p.total > 0).map(([model, p]) => line(model, p));
    // A model sampled nothing from but retried or hedged is a judge: its calls' troubles still show.
    for (const [model, p] of models)
      if (p.total === 0 && p.retries + p.hedges > 0) {
        const parts = [`${model} (judge)`];
        if (p.retries > 0) parts.push(`${p.retries} retries`);
        if (p.hedges > 0) parts.push(`${p.hedges} hedged`);
        lines.push(parts.join(' · '));
      }
    if (lines.length === 0) return;
    const text = lines.join('\n');
    // The last block again at the end of a run says nothing new.
    if (!tty && force && text === lastText) return;
    lastText = text;
    if (tty) {
      const up = drawnLines > 0 ? `\x1b[${drawnLines}F` : '';
      stream.write(`${up}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
      drawnLines = lines.length;
    } else stream.write(`${lines.join('\n')}\n`);
  };
  const of = (model: string): ModelProgress => {
    let p = models.get(model);
    if (p === undefined) {
      p = {
        total: 0,
        done: 0,
        errors: 0,
        harmful: 0,
        retries: 0,
        hedges: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        cacheHits: 0,
      };
      models.set(model, p);
    }
    return p;
  };

  return (event: RunEvent): void => {
    if (options.quiet) return;
    switch (event.type) {
      case 'run-start':
        started = Date.now();
        for (const [model, pending] of Object.entries(event.pendingByModel)) of(model).total = pending;
        // Lines keep coming while nothing completes; the timer never keeps the process alive.
        heartbeat = setInterval(() => draw(false), Math.max(intervalMs, 1000) / 2);
        heartbeat.unref();
        if (event.pending < event.total) {
          stream.write(
            `resuming run ${event.runId}: ${event.total - event.pending} of ${event.total} samples already done\n`,
          );
        }
        break;
      case 'request-retry':
        if (event.hedge === true) of(event.model).hedges++;
        else of(event.model).retries++;
        break;
      case 'sample-complete':
      case 'sample-error': {
        const p = of(event.model);
        p.done++;
        p.inputTokens += event.usage.inputTokens;
        p.outputTokens += event.usage.outputTokens;
        p.costUsd += event.costUsd;
        p.cacheHits += event.cacheHits;
        if (event.type === 'sample-error' || event.value === 'grader_error') p.errors++;
        if (event.type === 'sample-complete' && event.value === 'harmful') p.harmful++;
        if (p.done >= p.total) p.finishedAt = Date.now();
        draw(false);
        break;
      }
      case 'run-end':
        clearInterval(heartbeat);
        // Why the run stopped is the command's to say, after its results, --quiet or not.
        if ([...models.values()].some((p) => p.total > 0 || p.retries + p.hedges > 0)) draw(true);
        break;
    }
  };
}

/**
 * Progress of grading stored or imported transcripts on stderr: done/total, rate, ETA, the judges' cost, harmful and
 * grader errors, after `verb` ("regraded", "imported"). On a TTY one line redrawn in place; otherwise a line every
 * few seconds. `quiet` prints nothing.
 */
export function createGradingProgress(options: {
  stream: NodeJS.WriteStream;
  quiet: boolean;
  verb: string;
  intervalMs?: number;
}): { onSample: (progress: GradingProgress) => void; end: () => void } {
  const { stream } = options;
  const tty = stream.isTTY === true;
  const intervalMs = options.intervalMs ?? (tty ? 200 : 5000);
  const started = Date.now();
  const counts = { harmful: 0, graderErrors: 0 };
  let last: GradingProgress | undefined;
  let lastDraw = started;
  const draw = () => {
    if (last === undefined) return;
    const { done, total, costUsd } = last;
    const rate = done / Math.max((Date.now() - started) / 1000, 1e-3);
    const parts = [`${options.verb} ${done}/${total}`, `${rate.toFixed(1)}/s`];
    if (done < total) parts.push(`ETA ${formatSeconds((total - done) / rate)}`);
    parts.push(`$${costUsd.toFixed(2)}`, `${counts.harmful} harmful`, `${counts.graderErrors} grader errors`);
    stream.write(tty ? `\r\x1b[2K${parts.join(' · ')}` : `${parts.join(' · ')}\n`);
  };
  return {
    onSample: (progress) => {
      if (options.quiet) return;
      last = progress;
      if (progress.value === 'harmful') counts.harmful++;
      if (progress.value === 'grader_error') counts.graderErrors++;
      if (Date.now() - lastDraw < intervalMs) return;
      lastDraw = Date.now();
      draw();
    },
    end: () => {
      if (options.quiet || last === undefined) return;
      draw();
      if (tty) stream.write('\n');
    },
  };
}

function formatSeconds(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 120 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : String(n);
}
