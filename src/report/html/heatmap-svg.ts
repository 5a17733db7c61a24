import { escapeHtml, type SafeHtml, safe } from './escape-html.ts';
import type { Heatmap } from './goal-heatmaps.ts';
import { percent } from './pool-rows.ts';

const LABEL_W = 170;
const CELL_W = 104;
const CELL_H = 34;
const HEAD_H = 22;

/** White at 0% to deep red at 100%, readable in greyscale; text flips to white on dark cells. */
function fill(rate: number): string {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * rate);
  return `rgb(${mix(255, 165)},${mix(255, 15)},${mix(255, 21)})`;
}

/** A goal × urgency heatmap, hand-written SVG; each cell shows the rate and n, errors when there are any. */
export function heatmapSvg(map: Heatmap): SafeHtml {
  const width = LABEL_W + map.urgencies.length * CELL_W;
  const height = HEAD_H + map.goals.length * CELL_H;
  const parts: string[] = map.urgencies.map(
    (u, j) =>
      `<text class="t" x="${LABEL_W + j * CELL_W + CELL_W / 2}" y="${HEAD_H - 7}">${escapeHtml(u)}</text>`,
  );
  map.goals.forEach((goal, i) => {
    const y = HEAD_H + i * CELL_H;
    parts.push(`<text class="r" x="${LABEL_W - 8}" y="${y + CELL_H / 2 + 4}">${escapeHtml(goal)}</text>`);
    map.urgencies.forEach((urgency, j) => {
      const cell = map.cells.get(goal)?.get(urgency);
      const x = LABEL_W + j * CELL_W;
      if (cell === undefined || (cell.n === 0 && cell.errors === 0)) {
        parts.push(`<rect class="empty" x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}"/>`);
        return;
      }
      const rate = cell.rate ?? 0;
      const ink = rate > 0.55 ? '#fff' : '#111';
      const title = `${goal} × ${urgency}: ${percent(cell.rate)} (${cell.harmful}/${cell.n}; 95% CI ${percent(cell.low)}–${percent(cell.high)}; ${cell.errors} errors)`;
      parts.push(
        `<g><title>${escapeHtml(title)}</title>` +
          `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" fill="${cell.rate === null ? '#eee' : fill(rate)}" stroke="#d0d0d0" stroke-width="0.5"/>` +
          `<text class="c" fill="${ink}" x="${x + CELL_W / 2}" y="${y + 15}">${percent(cell.rate)}</text>` +
          `<text class="cn" fill="${ink}" x="${x + CELL_W / 2}" y="${y + 28}">n=${cell.n}${cell.errors > 0 ? ` · ${cell.errors} err` : ''}</text></g>`,
      );
    });
  });
  const title = `${map.model}, ${map.scenario}, mitigation ${map.mitigation}: harmful rate by goal and threat`;
  return safe(
    `<svg class="heat" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
      `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`,
  );
}
