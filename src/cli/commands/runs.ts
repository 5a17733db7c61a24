import type { Command } from 'commander';

import { formatRunCost } from '../../report/format-run-cost.ts';
import { formatTable } from '../format-table.ts';
import { openExistingStore, storePath } from '../options.ts';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the store')
    .option(
      '--json',
      'print an array of { id, name, created_at, samples, completed, errors, pending, cost_usd, cost_unrecorded }',
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .action((options: { json?: boolean; store?: string }) => {
      const store = openExistingStore(storePath(options.store));
      try {
        const runs = store.listRuns();
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
          return;
        }
        if (runs.length === 0) {
          process.stdout.write('no runs yet: try `haywire run`\n');
          return;
        }
        const rows = runs.map((r) => [
          r.id,
          r.name,
          r.created_at,
          String(r.samples),
          String(r.completed),
          String(r.errors),
          String(r.pending),
          formatRunCost(r),
        ]);
        const header = ['id', 'name', 'created', 'samples', 'completed', 'errors', 'pending', 'cost'];
        process.stdout.write(`${formatTable(header, rows, new Set([3, 4, 5, 6, 7]))}\n`);
      } finally {
        store.close();
      }
    });
}
