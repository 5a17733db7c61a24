import { isSimulatedModelId } from '../../index.ts';
import { html, type SafeHtml } from '../html.ts';

/** The page frame: title, navigation, one stylesheet; no scripts at all. */
export function layout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Haywire</title>
<link rel="stylesheet" href="/static/viewer.css">
</head>
<body>
<header class="top"><a href="/" class="brand">Haywire</a> <span class="muted">local viewer</span></header>
<main>${body}</main>
</body>
</html>
`;
}

/** A note that marks simulated agents as test doubles wherever their id appears. */
export function modelLabel(model: string): SafeHtml {
  return isSimulatedModelId(model)
    ? html`${model} <span class="badge sim" title="a deterministic test double, not a language model">simulated</span>`
    : html`${model}`;
}

/** A sample outcome as a coloured badge. */
export function outcomeBadge(outcome: string): SafeHtml {
  return html`<span class="badge outcome-${outcome}">${outcome.replace('_', ' ')}</span>`;
}

/** A fraction as a percentage with one decimal, or a dash. */
export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}
