import { type CollectReportOptions, collectReport } from './collect-report.ts';
import { renderReport } from './render-report.ts';

/**
 * A run's self-contained HTML report: findings, charts with intervals, goal × threat heatmaps,
 * mitigation comparisons, the published study's numbers where the model matches, and transcripts.
 * @example
 * const store = openStore('.haywire/haywire.db');
 * writeFileSync('report.html', buildReport({ store, runId: store.latestRun()!.id }));
 */
export function buildReport(options: CollectReportOptions): string {
  return renderReport(collectReport(options));
}
