const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * The one way text enters an HTML view (the report and the viewer): model output, scenario text, model ids.
 * Escapes the characters that could open a tag or leave an attribute value, so the result is inert
 * both as element content and inside a double- or single-quoted attribute.
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A fragment already escaped (or built only from escaped parts). A class, so that only Haywire's own code
 * can make one: no object read from the store can pass for markup. The report and the viewer share it.
 */
export class SafeHtml {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

/** Marks markup built by the report itself as safe to insert. */
export function safe(html: string): SafeHtml {
  return new SafeHtml(html);
}

/**
 * A tagged template that escapes every interpolated value unless it is `SafeHtml` (or an array of them).
 * @example
 * html`<td>${row.model}</td>` // the model id is escaped
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof SafeHtml) return value.html;
  return escapeHtml(String(value));
}
