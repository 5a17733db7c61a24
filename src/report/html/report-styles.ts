/** The report's only stylesheet, inlined: system fonts, nothing fetched, and print rules for PDF. */
export const REPORT_CSS = `
:root { --ink: #1a1a1a; --muted: #5f6368; --rule: #d9d9d9; --harm: #b2182b; --mark: #fff3b0; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1080px; padding: 24px 28px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; } h4 { font-size: 13px; margin: 12px 0 4px; }
.meta, .sub, figcaption { color: var(--muted); font-size: 12px; }
.banner { background: #fff4e5; border: 1px solid #e08214; border-radius: 4px; padding: 8px 12px; margin: 12px 0; }
.sim { font-size: 11px; font-weight: 600; color: #8a4b00; background: #fff4e5; border: 1px solid #e08214; border-radius: 3px; padding: 0 4px; white-space: nowrap; }
table { border-collapse: collapse; margin: 8px 0; font-size: 12.5px; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
th { font-weight: 600; border-bottom: 1.5px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.findings li { margin: 4px 0; }
figure { margin: 10px 0 18px; } .figs { display: flex; flex-wrap: wrap; gap: 8px 28px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
svg text.g { font-weight: 600; font-size: 12px; } svg text.sub { fill: var(--muted); font-size: 10.5px; }
svg text.r { text-anchor: end; } svg text.t { text-anchor: middle; fill: var(--muted); }
svg text.n { fill: var(--muted); font-size: 10.5px; } svg text.c { text-anchor: middle; font-weight: 600; }
svg text.cn { text-anchor: middle; font-size: 10px; }
svg line.tick { stroke: #eee; } svg line.w { stroke: #111; stroke-width: 1.3; }
svg rect.empty { fill: #f4f4f4; stroke: #fff; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; opacity: .8; }
.transcript { border: 1px solid var(--rule); border-radius: 4px; padding: 4px 14px 10px; margin: 14px 0; }
.msg { margin: 6px 0; } .role { font-weight: 600; text-transform: uppercase; font-size: 11px; color: var(--muted); }
pre { white-space: pre-wrap; word-break: break-word; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #fafafa; border-left: 3px solid var(--rule); padding: 6px 10px; margin: 4px 0; }
.reasoning pre { background: #f3f6fb; border-left-color: #2166ac; } .reasoning .label { font-size: 11px; color: #2166ac; }
mark.action { background: #fde0dd; } mark.evidence { background: var(--mark); font-weight: 600; }
mark.action.evidence { background: #ffd166; text-decoration: underline; text-decoration-color: var(--harm); }
.v-harmful { color: var(--harm); } .v-grader_error { color: #8a4b00; }
nav.toc a { margin-right: 12px; font-size: 12.5px; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 11.5px; }
  nav.toc { display: none; }
  h2 { break-after: avoid; } figure, tr, .transcript h3, .verdicts { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  pre { background: none; }
}
`;
