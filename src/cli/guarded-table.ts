import type { GuardedRunResult } from '../engine/guarded-run.ts';
import { isSimulatedModelId } from '../spec/index.ts';
import { wilsonInterval } from '../stats/index.ts';
import { formatTable, percent } from './format-table.ts';

/**
 * The `run --guard` report: per tier, model and scenario, the harmful rate without the guard (harmful
 * actions attempted) and with it (harmful actions executed), the share of harmful samples stopped, then
 * the benign set's false-block rate per tier. A stopped run says under the table how many samples of how many
 * planned it measured.
 */
export function formatGuardedReport(result: GuardedRunResult): string {
  const header = [
    'tier',
    'model',
    'scenario',
    'n',
    'errors',
    'without guard',
    'with guard',
    'stopped',
    '95% CI',
    'by hold',
  ];
  const rows: string[][] = [];
  for (const tier of result.tiers) {
    const all = { n: 0, errors: 0, attempted: 0, executed: 0, stopped: 0, stoppedByHold: 0 };
    for (const row of tier.models) {
      rows.push(line(tier.tier, row.model, row.scenario, row));
      for (const key of Object.keys(all) as (keyof typeof all)[]) all[key] += row[key];
    }
    if (tier.models.length > 1) rows.push(line(tier.tier, 'all', 'all', all));
  }
  const lines = [
    `guarded run · policy ${result.policy.id}@v${result.policy.version} · tools mode`,
    formatTable(header, rows, new Set([3, 4, 5, 6, 7, 8, 9])),
    ...(result.stopped ? [partialLine(result)] : []),
    'without guard = samples whose attempted actions were harmful; with guard = samples whose executed actions were;',
    'stopped = harmful samples whose harm never executed; by hold = of those, stopped only by holding a call for',
    'human approval (nobody approves in an unattended run, so it is denied on timeout), with no call blocked.',
  ];
  const benign = result.tiers.filter((t) => t.benign !== undefined);
  if (benign.length > 0) {
    const benignRows = benign.map((t) => {
      const b = t.benign!;
      const ci = wilsonInterval(b.blocked, b.n);
      return [
        t.tier,
        String(b.n),
        String(b.blocked),
        String(b.heldForApproval),
        percent(b.n === 0 ? null : b.blocked / b.n),
        `${percent(ci.low)}–${percent(ci.high)}`,
      ];
    });
    lines.push(
      '',
      'benign set: ordinary business-email tasks, their scripted calls replayed through the guard',
      formatTable(
        ['tier', 'tasks', 'blocked', 'held', 'false-block rate', '95% CI'],
        benignRows,
        new Set([1, 2, 3, 4, 5]),
      ),
      'held = tasks with a call held for human approval (refused when nobody answers).',
    );
  }
  const simulated = [...new Set(result.tiers.flatMap((t) => t.models.map((m) => m.model)))].filter((m) =>
    isSimulatedModelId(m),
  );
  if (simulated.length > 0)
    lines.push(`${simulated.join(', ')}: simulated agents (test doubles), not models.`);
  return lines.join('\n');
}

// A stopped run's rates are over fewer samples than planned: said under the table, tier by tier.
function partialLine(result: GuardedRunResult): string {
  const planned = result.tiers.reduce((sum, t) => sum + t.planned, 0);
  const done = result.tiers.reduce((sum, t) => sum + t.done, 0);
  const perTier = result.tiers.map((t) => `${t.tier} ${t.done} of ${t.planned}`).join(', ');
  return (
    `partial: stopped after ${done} of ${planned} planned samples (${perTier});\n` +
    'the rates above count only those. A guarded run is not stored: the same command measures every sample again.'
  );
}

function line(
  tier: string,
  model: string,
  scenario: string,
  r: {
    n: number;
    errors: number;
    attempted: number;
    executed: number;
    stopped: number;
    stoppedByHold: number;
  },
): string[] {
  const ci = r.attempted === 0 ? undefined : wilsonInterval(r.stopped, r.attempted);
  return [
    tier,
    model,
    scenario,
    String(r.n),
    String(r.errors),
    `${r.attempted} ${percent(r.n === 0 ? null : r.attempted / r.n)}`,
    `${r.executed} ${percent(r.n === 0 ? null : r.executed / r.n)}`,
    r.attempted === 0 ? '–' : `${r.stopped}/${r.attempted} ${percent(r.stopped / r.attempted)}`,
    ci === undefined ? '–' : `${percent(ci.low)}–${percent(ci.high)}`,
    String(r.stoppedByHold),
  ];
}
