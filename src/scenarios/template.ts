/**
 * A small logic-less template language for scenario Markdown:
 * `{{name}}` or `{{group.name}}` inserts text, `{{#name}}…{{/name}}` keeps its content when `name` is set,
 * `{{^name}}…{{/name}}` when it is not. A tag alone on its line takes the line with it when it renders nothing.
 */

/** A value a template can read: text, `false` (not set), or a group of values. */
export type TemplateValue = string | false | { readonly [key: string]: TemplateValue };
/** The variables visible to a template. */
export type TemplateScope = { readonly [key: string]: TemplateValue };

/** A template that could not be compiled or rendered; `line` is 1-based when known. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.line = line;
  }
}

type Node =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'var'; readonly name: string; readonly lead: string; readonly trail: string | undefined }
  | {
      readonly type: 'section';
      readonly name: string;
      readonly inverted: boolean;
      readonly children: Node[];
    };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
const MAX_DEPTH = 5;
const compiled = new Map<string, readonly Node[]>();

const lineOf = (source: string, index: number): number => source.slice(0, index).split('\n').length;

function pushText(into: Node[], source: string, text: string, at: number): void {
  if (text === '') return;
  const stray = text.search(/\{\{|\}\}/);
  if (stray !== -1)
    throw new TemplateError(
      `malformed tag near "${text.slice(stray, stray + 20)}"`,
      lineOf(source, at + stray),
    );
  into.push({ type: 'text', text });
}

/** Parses a template once; later calls with the same source return the cached result. */
export function compileTemplate(source: string): readonly Node[] {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const root: Node[] = [];
  const stack: { name: string; children: Node[]; line: number }[] = [];
  let into = root;
  let pos = 0;
  for (const match of source.matchAll(TAG)) {
    const [tag, sigil = '', name = ''] = match;
    const start = match.index;
    const end = start + tag.length;
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    const newline = source.indexOf('\n', end);
    const lineEnd = newline === -1 ? source.length : newline + 1;
    const standalone =
      lineStart >= pos &&
      /^[ \t]*$/.test(source.slice(lineStart, start)) &&
      /^[ \t]*\r?\n?$/.test(source.slice(end, lineEnd));
    pushText(into, source, source.slice(pos, standalone ? lineStart : start), pos);
    pos = standalone ? lineEnd : end;
    if (sigil === '') {
      const lead = standalone ? source.slice(lineStart, start) : '';
      into.push({ type: 'var', name, lead, trail: standalone ? source.slice(end, lineEnd) : undefined });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (open?.name !== name) throw new TemplateError(`unexpected {{/${name}}}`, lineOf(source, start));
      into = stack.at(-1)?.children ?? root;
    } else {
      const children: Node[] = [];
      into.push({ type: 'section', name, inverted: sigil === '^', children });
      stack.push({ name, children, line: lineOf(source, start) });
      into = children;
    }
  }
  pushText(into, source, source.slice(pos), pos);
  const unclosed = stack.at(-1);
  if (unclosed !== undefined)
    throw new TemplateError(`unclosed section {{#${unclosed.name}}}`, unclosed.line);
  compiled.set(source, root);
  return root;
}

function lookup(scope: TemplateScope, name: string): TemplateValue | undefined {
  let value: TemplateValue | undefined = scope;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

function renderNodes(nodes: readonly Node[], scope: TemplateScope, depth: number): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += node.text;
      continue;
    }
    const value = lookup(scope, node.name);
    if (value === undefined) throw new TemplateError(`unresolved placeholder {{${node.name}}}`);
    if (node.type === 'section') {
      const set = value !== false && value !== '';
      if (set !== node.inverted) out += renderNodes(node.children, scope, depth);
      continue;
    }
    if (typeof value === 'object') throw new TemplateError(`{{${node.name}}} is a group, not text`);
    const text = value === false ? '' : value.includes('{{') ? renderText(value, scope, depth + 1) : value;
    if (node.trail === undefined) out += text;
    else if (text !== '') out += node.lead + text + node.trail;
  }
  return out;
}

function renderText(source: string, scope: TemplateScope, depth: number): string {
  if (depth > MAX_DEPTH) throw new TemplateError('placeholders nested too deeply');
  return renderNodes(compileTemplate(source), scope, depth);
}

/**
 * Renders a template against a scope. Text values may hold placeholders themselves; they are rendered in the
 * same scope. Throws `TemplateError` on an unknown name.
 * @example renderTemplate('Hello {{cast.kyle.name}}', { cast: { kyle: { name: 'Kyle' } } }) // 'Hello Kyle'
 */
export function renderTemplate(source: string, scope: TemplateScope): string {
  return renderText(source, scope, 0);
}

/** Every name a template refers to, sections included. */
export function templateNames(source: string): Set<string> {
  const names = new Set<string>();
  const walk = (nodes: readonly Node[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') continue;
      names.add(node.name);
      if (node.type === 'section') walk(node.children);
    }
  };
  walk(compileTemplate(source));
  return names;
}
