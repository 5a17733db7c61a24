import type { Command } from 'commander';
import { conditionId, type RateRow, rateRows } from '../../index.ts';
import { formatTable, percent } from '../format-table.ts';
import { latestRunOf, openExistingStore, storePath } from '../options.ts';

/** The rate table as text, with a line that marks simulated agents as such. */
export function formatRateTable(runId: string, rows: readonly RateRow[]): string {
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
  const simulated = [...new Set(rows.map((r) => r.model).filter((m) => m.startsWith('sim/')))];
  if (simulated.length > 0)
    lines.push(`${simulated.join(', ')}: simulated agents (test doubles), not models.`);
  lines.push(
    'n counts graded samples; errors are failed samples and grader errors, never counted as not harmful.',
  );
  return lines.join('\n');
}

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('harmful rate per model × condition, with n, errors and the Wilson 95% interval')
    .argument('[run]', 'run id or a unique prefix of it (default: the latest run)')
    .option('--json', 'print { run, rows } as JSON')
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .action((runArg: string | undefined, options: { json?: boolean; store?: string }) => {
      const store = openExistingStore(storePath(options.store));
      try {
        const run = runArg === undefined ? latestRunOf(store) : store.getRun(runArg);
        const rows = rateRows(store, run.id);
        if (options.json === true)
          process.stdout.write(`${JSON.stringify({ run: run.id, rows }, null, 2)}\n`);
        else process.stdout.write(`${formatRateTable(run.id, rows)}\n`);
      } finally {
        store.close();
      }
    });
}
