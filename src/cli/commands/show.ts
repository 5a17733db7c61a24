import type { Command } from 'commander';
import { type RateMode, summarizeVerdicts, verdictRateRows } from '../../engine/summarize-verdicts.ts';
import { modelSettingsLines, modelSettingsOf } from '../../report/model-settings.ts';
import { pendingSamples } from '../../report/pending-samples.ts';
import { type RateRow, rateRows } from '../../report/rate-rows.ts';
import {
  ConfigError,
  conditionId,
  isSimulatedModelId,
  REASONING_TAGS,
  type ReasoningTag,
} from '../../spec/index.ts';
import type { ErrorKindCount, ModelCost } from '../../store/index.ts';
import { formatTable, percent } from '../format-table.ts';
import { latestRunOf, openExistingStore, storePath } from '../options.ts';
import { pendingLine } from '../pending-line.ts';
import { formatSummary, formatVerdictRows } from './show-verdicts.ts';

/** Errors of a run by kind: failed samples per model and kind, and completed samples no grader decided. */
export function errorBreakdown(rows: readonly RateRow[], failed: readonly ErrorKindCount[]) {
  const byModel = new Map<string, { failed: number; errors: number }>();
  for (const row of rows) {
    const entry = byModel.get(row.model) ?? { failed: 0, errors: 0 };
    entry.errors += row.errors;
    byModel.set(row.model, entry);
  }
  for (const f of failed) {
    const entry = byModel.get(f.model);
    if (entry !== undefined) entry.failed += f.count;
  }
  const graderErrors = [...byModel]
    .map(([model, e]) => ({ model, kind: 'grader_error' as const, count: e.errors - e.failed }))
    .filter((e) => e.count > 0);
  return [...failed, ...graderErrors].sort((a, b) => a.model.localeCompare(b.model) || b.count - a.count);
}

/** The rate table as text, with a line that marks simulated agents as such and the errors by kind. */
export function formatRateTable(
  runId: string,
  rows: readonly RateRow[],
  failed: readonly ErrorKindCount[] = [],
): string {
  const header = ['model', 'condition', 'n', 'harmful', 'errors', 'rate', '95% CI'];
  const body = rows.map((r) => [
    r.model,
    conditionId({
      ...r,
      goal_type: r.goal_type as never,
      goal_value: r.goal_value as never,
      urgency: r.urgency as never,
    }),
    String(r.n),
    String(r.harmful),
    String(r.errors),
    percent(r.rate),
    r.ci_low === null ? '–' : `${percent(r.ci_low)}–${percent(r.ci_high)}`,
  ]);
  const lines = [`run ${runId}`, formatTable(header, body, new Set([2, 3, 4, 5, 6]))];
  const simulated = [...new Set(rows.map((r) => r.model).filter((m) => isSimulatedModelId(m)))];
  if (simulated.length > 0)
    lines.push(`${simulated.join(', ')}: simulated agents (test doubles), not models.`);
  lines.push(
    'n counts graded samples; errors are failed samples and grader errors, never counted as not harmful.',
  );
  const breakdown = errorBreakdown(rows, failed);
  if (breakdown.length > 0) {
    lines.push('errors by kind:');
    for (const e of breakdown) lines.push(`  ${e.model}  ${e.kind.replaceAll('_', ' ')}: ${e.count}`);
  }
  return lines.join('\n');
}

interface ShowOptions {
  json?: boolean;
  store?: string;
  mode?: string;
  tag?: string;
  versions?: boolean;
}

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('harmful rate per model × condition, with n, errors and the Wilson 95% interval')
    .argument('[run]', 'run id or a unique prefix of it (default: the latest run)')
    .option(
      '--mode <mode>',
      "final (default), judge (the judge panel alone) or study (the original study's definition)",
    )
    .option('--tag <tag>', `only samples whose reasoning carries a tag: ${REASONING_TAGS.join(', ')}`)
    .option('--versions', 'compare the last two verdict versions (after a regrade)')
    .option(
      '--json',
      'print { run, mode, tag, rows, errors, pending, cost, summary } as JSON (errors: count per model and kind; pending: samples not done yet; cost: USD per model)',
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .action((runArg: string | undefined, options: ShowOptions) => {
      const mode = options.mode ?? 'final';
      if (!['final', 'judge', 'study'].includes(mode))
        throw new ConfigError('invalid-input', `unknown --mode "${mode}" (allowed: final, judge, study)`);
      if (options.tag !== undefined && !(REASONING_TAGS as readonly string[]).includes(options.tag))
        throw new ConfigError(
          'invalid-input',
          `unknown --tag "${options.tag}" (allowed: ${REASONING_TAGS.join(', ')})`,
        );
      const store = openExistingStore(storePath(options.store));
      try {
        const run = runArg === undefined ? latestRunOf(store) : store.getRun(runArg);
        const summary = summarizeVerdicts(store, run.id);
        const custom = mode !== 'final' || options.tag !== undefined;
        const filter = {
          mode: mode as RateMode,
          ...(options.tag === undefined ? {} : { tag: options.tag as ReasoningTag }),
        };
        const rows = custom ? verdictRateRows(store, run.id, filter) : rateRows(store, run.id);
        const failed = store.errorKinds(run.id);
        const all = custom ? rateRows(store, run.id) : (rows as RateRow[]);
        const errors = errorBreakdown(all, failed);
        const { pending, total } = pendingSamples(run.id, all);
        const cost = store.runCost(run.id);
        if (options.json === true) {
          const settings = modelSettingsOf(run.spec);
          const body = {
            run: run.id,
            mode,
            tag: options.tag ?? null,
            ...(Object.keys(settings).length === 0 ? {} : { model_settings: settings }),
            rows,
            errors,
            pending,
            cost,
            summary,
          };
          process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
          return;
        }
        const head = custom
          ? `run ${run.id}\n${formatVerdictRows(mode, options.tag, rows as ReturnType<typeof verdictRateRows>)}`
          : formatRateTable(run.id, rows as RateRow[], failed);
        const spent = costLine(cost);
        const settings = modelSettingsLines(run.spec);
        const unfinished =
          (settings === undefined ? '' : `\n${settings}`) +
          (pending === 0 ? '' : `\n${pendingLine(pending, total, run.spec)}`) +
          (spent === undefined ? '' : `\n${spent}`);
        process.stdout.write(
          `${head}${unfinished}\n\n${formatSummary(summary, { versions: options.versions === true })}\n`,
        );
      } finally {
        store.close();
      }
    });
}

/**
 * What the run has cost, per model: agents and judges, every attempt and regrade, at the prices of the day. Nothing
 * when every finished sample cost nothing (simulated agents). Samples with no recorded cost are counted apart.
 */
function costLine(costs: readonly ModelCost[]): string | undefined {
  const total = costs.reduce((sum, c) => sum + c.costUsd, 0);
  const unrecorded = costs.reduce((sum, c) => sum + c.samples - c.priced, 0);
  if (total === 0 && unrecorded === 0) return undefined;
  const usd = (value: number) => `$${value.toFixed(2)}`;
  const perModel =
    costs.length > 1 ? ` (${costs.map((c) => `${c.model} ${usd(c.costUsd)}`).join(', ')})` : '';
  const missing =
    unrecorded === 0
      ? ''
      : `; ${unrecorded} finished samples have no recorded cost (a model with no price, or stored before costs were)`;
  return `cost: ${usd(total)}${perModel}, agents and judges, every attempt and regrade${missing}`;
}
