// The report's escaping is the viewer's too: one implementation of the one thing that keeps model text inert.
export { escapeHtml, html, markRanges, SafeHtml, safe } from '../index.ts';

/** A query string from parameters, skipping empty ones; values are URL-encoded (and escaped by `html`). */
export function queryString(params: Readonly<Record<string, string | number | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
