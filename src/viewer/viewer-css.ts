/** The viewer's stylesheet, served as /static/viewer.css (the CSP allows no inline style). */
export const VIEWER_CSS = `
:root { --fg: #1d2330; --muted: #667085; --line: #d8dde6; --bg: #f6f7f9; --card: #fff;
  --harm: #b42318; --ok: #067647; --err: #b54708; --pend: #475467; --action: #fff4c2; --reason: #eef2ff;
  --evidence: #ffd6d1; --judge: #d1f0ff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: #1849a9; }
.top { padding: 10px 20px; background: #101828; color: #fff; }
.top .brand { color: #fff; font-weight: 700; text-decoration: none; margin-right: 8px; }
.top .muted { color: #98a2b3; }
main { padding: 16px 20px; max-width: 1500px; }
h1 { font-size: 20px; margin: 4px 0 12px; } h2 { font-size: 16px; margin: 20px 0 8px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; background: var(--card); width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef0f4; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; border: 1px solid currentColor; }
.badge.sim { color: #6941c6; }
.outcome-harmful { color: var(--harm); } .outcome-not_harmful { color: var(--ok); }
.outcome-error { color: var(--err); } .outcome-pending { color: var(--pend); }
form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; background: var(--card); padding: 8px; border: 1px solid var(--line); margin-bottom: 8px; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.pager { margin: 8px 0; display: flex; gap: 16px; align-items: center; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; }
.card > header { padding: 4px 10px; border-bottom: 1px solid var(--line); font-weight: 600; background: #f9fafb; }
pre { white-space: pre-wrap; word-break: break-word; }
.msg pre, .card pre { margin: 0; padding: 8px 10px; white-space: pre-wrap; word-break: break-word; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }
.role-system > header { color: #475467; } .role-user > header { color: #1849a9; }
.role-assistant > header { color: #6941c6; } .role-tool > header { color: #067647; }
.provider-reasoning { background: var(--reason); border-top: 1px dashed #8098f9; }
.msg > details > summary { padding: 4px 10px; cursor: pointer; color: var(--muted); }
.provider-reasoning > summary { padding: 4px 10px; cursor: pointer; color: #3538cd; font-weight: 600; }
mark { background: transparent; color: inherit; }
mark.hl-reasoning { background: var(--reason); color: #3538cd; }
mark.hl-action { background: var(--action); outline: 1px solid #f4c430; }
mark.hl-evidence { background: var(--evidence); font-weight: 600; }
mark.hl-judge-quote { background: var(--judge); text-decoration: underline; }
.legend mark { padding: 0 4px; margin-right: 6px; }
ul.evidence { margin: 4px 0 8px; }
.judge-panel { margin: 0; padding: 4px 10px 8px; border-top: 1px solid var(--line); }
.judge-panel p { margin: 4px 0; }
.study-verdict, .reasoning-tags { margin: 0; padding: 4px 10px; border-top: 1px solid var(--line); }
.reasoning-tags p { margin: 4px 0; }
ol.judge-runs { margin: 4px 0; padding-left: 20px; }
.judge-run { margin: 6px 0; }
.card .judge-run pre.judge-rationale { padding: 4px 0; }
ul.judge-quotes { margin: 2px 0; }
.judge-flags, .judge-error, .judge-disagreement { color: var(--err); }
.judge-disagreement { margin: 0; padding: 4px 10px 8px; }
.judge-quotes .unverified { color: var(--muted); }
.badge.unverified { color: var(--err); }
.compare { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.compare > section { min-width: 0; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; background: var(--card); padding: 8px; border: 1px solid var(--line); }
.error-box { border: 1px solid var(--err); color: var(--err); padding: 8px; background: #fffaeb; }
`;
