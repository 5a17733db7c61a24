import { escapeHtml, type SafeHtml, safe } from './escape-html.ts';
import { type Pooled, percent } from './pool-rows.ts';

/** One bar with its interval whisker. */
export interface ChartBar extends Pooled {
  /** Which series (colour) it belongs to. */
  readonly series: string;
}

/** A labelled group of bars, drawn one above the other. */
export interface ChartGroup {
  readonly label: string;
  /** Second line under the label, e.g. "simulated agent". */
  readonly sublabel?: string;
  readonly rows: readonly { readonly label: string; readonly bars: readonly ChartBar[] }[];
}

/** Series colours, chosen to stay distinct in greyscale print as well. */
export const SERIES_COLOURS = ['#b2182b', '#2166ac', '#e08214', '#1b7837', '#762a83', '#4d4d4d'] as const;

const LABEL_W = 300;
const PLOT_W = 380;
const NOTE_W = 150;
const BAR_H = 12;
const BAR_GAP = 3;
const ROW_GAP = 6;
const GROUP_GAP = 14;
const AXIS_H = 26;

/**
 * A horizontal bar chart, hand-written SVG: rates on a 0–100% axis, each bar with its 95% interval
 * as a whisker, and n / harmful / errors written beside it so the chart stands alone on paper.
 */
export function barChartSvg(options: {
  readonly title: string;
  readonly groups: readonly ChartGroup[];
  readonly series: readonly string[];
}): SafeHtml {
  const colour = (s: string) => SERIES_COLOURS[options.series.indexOf(s) % SERIES_COLOURS.length];
  const x = (v: number) => LABEL_W + v * PLOT_W;
  const parts: string[] = [];
  let y = AXIS_H;
  for (const group of options.groups) {
    parts.push(`<text class="g" x="0" y="${y + 11}">${escapeHtml(group.label)}</text>`);
    if (group.sublabel !== undefined)
      parts.push(`<text class="sub" x="0" y="${y + 24}">${escapeHtml(group.sublabel)}</text>`);
    for (const row of group.rows) {
      const rowH = row.bars.length * (BAR_H + BAR_GAP);
      parts.push(
        `<text class="r" x="${LABEL_W - 8}" y="${y + rowH / 2 + 4}">${escapeHtml(row.label)}</text>`,
      );
      for (const bar of row.bars) {
        parts.push(barSvg(bar, y, x, colour(bar.series) ?? '#444'));
        y += BAR_H + BAR_GAP;
      }
      y += ROW_GAP;
    }
    y += GROUP_GAP;
  }
  const height = y + 4;
  const width = LABEL_W + PLOT_W + NOTE_W;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line class="tick" x1="${x(t)}" x2="${x(t)}" y1="${AXIS_H - 4}" y2="${height}"/>` +
        `<text class="t" x="${x(t)}" y="${AXIS_H - 8}">${t * 100}%</text>`,
    )
    .join('');
  return safe(
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
      `<title>${escapeHtml(options.title)}</title>${ticks}${parts.join('')}</svg>`,
  );
}

function barSvg(bar: ChartBar, y: number, x: (v: number) => number, colour: string): string {
  const label = `${bar.series}: ${percent(bar.rate)} (${bar.harmful}/${bar.n}; 95% CI ${percent(bar.low)}–${percent(bar.high)}; ${bar.errors} errors)`;
  const note = `<text class="n" x="${x(1) + 8}" y="${y + BAR_H - 2}">${escapeHtml(
    bar.n === 0
      ? `n=0, ${bar.errors} err`
      : `${percent(bar.rate)} · ${bar.harmful}/${bar.n} · ${bar.errors} err`,
  )}</text>`;
  if (bar.rate === null || bar.low === null || bar.high === null)
    return `<g><title>${escapeHtml(label)}</title><text class="n" x="${x(0) + 4}" y="${y + BAR_H - 2}">no graded samples</text>${note}</g>`;
  const mid = y + BAR_H / 2;
  const width = Math.max(0.5, x(bar.rate) - x(0));
  return (
    `<g><title>${escapeHtml(label)}</title>` +
    `<rect x="${x(0)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_H}" fill="${colour}" fill-opacity="0.8"/>` +
    `<line class="w" x1="${x(bar.low).toFixed(1)}" x2="${x(bar.high).toFixed(1)}" y1="${mid}" y2="${mid}"/>` +
    `<line class="w" x1="${x(bar.low).toFixed(1)}" x2="${x(bar.low).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}"/>` +
    `<line class="w" x1="${x(bar.high).toFixed(1)}" x2="${x(bar.high).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}"/>` +
    `${note}</g>`
  );
}
