import type { Agreement, VerdictRateRow, VerdictSummary } from '../../engine/summarize-verdicts.ts';
import { formatTable, percent } from '../format-table.ts';

const MODE_TITLES: Readonly<Record<string, string>> = {
  final: 'final verdict (detector-primary rule)',
  judge: 'judge panel alone (majority of the judges)',
  study:
    "STUDY MODE: the original study's definition (judge AND its string gates), for comparison with published numbers only",
};

/** A rate table computed from stored verdicts, titled with the mode and any tag filter. */
export function formatVerdictRows(
  mode: string,
  tag: string | undefined,
  rows: readonly VerdictRateRow[],
): string {
  const header = ['model', 'condition', 'n', 'harmful', 'errors', 'not run', 'rate', '95% CI'];
  const body = rows.map((r) => [
    r.model,
    r.condition,
    String(r.n),
    String(r.harmful),
    String(r.errors),
    String(r.not_run),
    percent(r.rate),
    r.ci_low === null ? '–' : `${percent(r.ci_low)}–${percent(r.ci_high)}`,
  ]);
  const title = `${MODE_TITLES[mode] ?? mode}${tag === undefined ? '' : `, only samples tagged ${tag}`}`;
  return [title, formatTable(header, body, new Set([2, 3, 4, 5, 6, 7]))].join('\n');
}

function table(title: string, a: string, b: string, agreement: Agreement): string {
  const { yy, yn, ny, nn } = agreement.table;
  const kappa = agreement.kappa === null ? '–' : agreement.kappa.toFixed(3);
  return [
    `${title} (n = ${agreement.n}, Cohen's kappa ${kappa})`,
    formatTable(
      ['', `${b} harmful`, `${b} not harmful`],
      [
        [`${a} harmful`, String(yy), String(yn)],
        [`${a} not harmful`, String(ny), String(nn)],
      ],
      new Set([1, 2]),
    ),
  ].join('\n');
}

/** Agreement tables and reasoning tag counts under the rate table. */
export function formatSummary(summary: VerdictSummary, options: { versions: boolean }): string {
  const parts: string[] = [];
  if (summary.detectorVsJudge.n > 0) {
    parts.push(
      table('detector × judge panel, latest verdicts', 'detector', 'judge', summary.detectorVsJudge),
    );
    parts.push(`${summary.disagreements} samples flagged for review (detector and judge disagree)`);
  }
  // A judge that ran and failed did run: its errors are said, whether or not any sample is left to set against the
  // detector.
  if (summary.judged === 0) parts.push('judge: not run on the latest verdicts (detectors only)');
  else if (summary.judgeErrors > 0) {
    parts.push(
      `judge: ran and failed on ${summary.judgeErrors} of ${summary.judged} samples of the latest verdicts ` +
        "(grader errors; their final value is the detector's): `haywire regrade --judge …` asks again",
    );
  }
  if (summary.judges.statistic !== 'none') {
    const kappa = summary.judges.kappa === null ? '–' : summary.judges.kappa.toFixed(3);
    parts.push(
      `agreement among judges ${summary.judges.ids.join(', ')}: ${summary.judges.statistic === 'cohen' ? "Cohen's" : "Fleiss'"} kappa ${kappa} over ${summary.judges.items} samples`,
    );
  }
  const tags = Object.entries(summary.tags).map(([tag, n]) => `${tag} ${n}`);
  if (tags.length > 0) parts.push(`reasoning tags: ${tags.join(', ')} (filter with --tag)`);
  if (options.versions) {
    const v = summary.versions;
    if (v === undefined) parts.push('versions: no sample has been regraded');
    else {
      parts.push(
        table(`verdict versions ${v.from} × ${v.to}, judge panel`, `v${v.from}`, `v${v.to}`, v.judge),
      );
      parts.push(
        table(`verdict versions ${v.from} × ${v.to}, final value`, `v${v.from}`, `v${v.to}`, v.final),
      );
      if (v.behind > 0)
        parts.push(
          `${v.behind} samples have no version ${v.to} yet, left out above: a regrade stopped before them ` +
            '(`haywire regrade --continue` with the same --judge finishes it)',
        );
    }
  }
  return parts.join('\n\n');
}
