export { buildReport } from './build-report.ts';
export type { CollectReportOptions, ReportData } from './collect-report.ts';
export { collectReport } from './collect-report.ts';
export { escapeHtml, html, SafeHtml, safe } from './escape-html.ts';
export { type MarkRange, markRanges } from './mark-ranges.ts';
export type { PublishedNumber } from './published-numbers.ts';
export { PUBLISHED_NUMBERS, publishedFor, publishedModelOf } from './published-numbers.ts';
export { renderReport } from './render-report.ts';
