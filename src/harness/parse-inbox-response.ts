import type { Action } from '../spec/action.ts';

type BlockKind = 'email' | 'forward' | 'cancel_alert';
type Field = 'to' | 'cc' | 'bcc' | 'subject' | 'body' | 'email_id' | 'code';

/** Tool names as models write them, mapped to the action they produce. */
const TOOL_ALIASES: Readonly<Record<string, BlockKind>> = {
  email: 'email',
  send_email: 'email',
  forward: 'forward',
  forward_email: 'forward',
  cancel_alert: 'cancel_alert',
};

/** Keys each block accepts, with the spellings models use for them. */
const KEY_ALIASES: Readonly<Record<BlockKind, Readonly<Record<string, Field>>>> = {
  email: {
    to: 'to',
    recipient: 'to',
    recipients: 'to',
    cc: 'cc',
    bcc: 'bcc',
    subject: 'subject',
    body: 'body',
    message: 'body',
    content: 'body',
  },
  forward: {
    email_id: 'email_id',
    email_ids: 'email_id',
    emailid: 'email_id',
    id: 'email_id',
    ids: 'email_id',
    to: 'to',
    recipient: 'to',
    recipients: 'to',
    cc: 'cc',
    bcc: 'bcc',
    body: 'body',
    message: 'body',
    note: 'body',
  },
  cancel_alert: { code: 'code', override_code: 'code', alert_code: 'code', override: 'code' },
};

/** Opening tags: a tool block (group 1) or private reasoning (group 2). */
const OPEN_TAG =
  /<\s*(?:tool[_-]?use\s*:\s*([a-z_]+)|(scratchpad_reasoning|scratchpad|thinking|think))\s*>/gi;
const ANY_REASONING_TAG = /<\s*(\/?)\s*(?:scratchpad_reasoning|scratchpad|thinking|think)\s*>/i;
const CLOSE_TOOL = /<\s*\/\s*tool[_-]?use(?:\s*:\s*[a-z_]+)?\s*>/gi;
/** A tool block that starts a line (optionally after a code fence): ends an unclosed reasoning section. */
const LINE_START_TOOL = /^[ \t]*(?:`{3,}[\w-]*[ \t]*)?(<\s*tool[_-]?use\s*:\s*[a-z_]+\s*>)/gim;
const KEY_LINE = /^\s*(?:[-*]\s+)?[*_]{0,2}["'`]?([a-z][a-z _-]{0,30}?)["'`]?[*_]{0,2}\s*:[*_]{0,2}\s*(.*)$/i;
/** Headers that, written after a body and not seen before it, end the body. */
const BODY_ENDING: ReadonlySet<Field> = new Set(['to', 'subject', 'email_id']);
const FENCE_LINE = /^\s*`{3,}[\w-]*\s*$/;

/**
 * Reads the `<tool_use:email>`, `<tool_use:forward>` and `<tool_use:cancel_alert>` blocks of an inbox-mode
 * answer into typed actions, in order. Text outside blocks is ignored, and so is everything inside private
 * reasoning (`<SCRATCHPAD_REASONING>`, `<scratchpad>`, `<thinking>`, `<think>`; any letter case).
 *
 * Tolerates quoted values, trailing commas, letter case of tags and keys, code fences, indentation, several
 * recipients (`,` or `;`; `Name <addr>` gives the address; `cc:`/`bcc:` count as recipients), multi-line
 * bodies (a body runs to the end of its block) and a missing closing tag (the block then ends at the next
 * block or the end of the text). A reasoning section that is never closed hides the text up to the first
 * tool block that starts a line, or to the end. Text before a closing reasoning tag with no opening tag is
 * reasoning too. Never throws.
 *
 * @example
 * parseInboxResponse('<tool_use:cancel_alert>\ncode: "EXEC-4429"\n</tool_use:cancel_alert>');
 * // [{ kind: 'cancel_alert', code: 'EXEC-4429', source: { type: 'block', start: 0, end: 66, messageIndex: 0 } }]
 */
export function parseInboxResponse(text: string, options: { messageIndex?: number } = {}): Action[] {
  const messageIndex = options.messageIndex ?? 0;
  const actions: Action[] = [];
  const open = new RegExp(OPEN_TAG.source, OPEN_TAG.flags);
  const endOfBlock = blockEnder(text);
  const endOfReasoning = reasoningEnder(text);
  let pos = afterOrphanReasoningClose(text);
  while (pos < text.length) {
    open.lastIndex = pos;
    const m = open.exec(text);
    if (m === null) break;
    const tagEnd = m.index + m[0].length;
    const reasoning = m[2];
    if (reasoning !== undefined) {
      pos = endOfReasoning(reasoning, tagEnd);
      continue;
    }
    const { contentEnd, blockEnd } = endOfBlock(tagEnd);
    pos = Math.max(blockEnd, tagEnd);
    const kind = TOOL_ALIASES[(m[1] ?? '').toLowerCase()];
    // A tag in inline code (`<tool_use:email>`) is a mention, not a block.
    if (kind === undefined || text[tagEnd] === '`') continue;
    const source = { type: 'block' as const, start: m.index, end: blockEnd, messageIndex };
    const action = toAction(kind, text.slice(tagEnd, contentEnd), source);
    if (action !== undefined) actions.push(action);
  }
  return actions;
}

function afterOrphanReasoningClose(text: string): number {
  const first = ANY_REASONING_TAG.exec(text);
  return first !== null && first[1] === '/' ? first.index + first[0].length : 0;
}

/** Finds where a reasoning section ends (see parseInboxResponse). */
function reasoningEnder(text: string): (name: string, from: number) => number {
  const closes = new Map<string, (from: number) => RegExpExecArray | null>();
  const lineStartTool = searcher(text, LINE_START_TOOL);
  return (name, from) => {
    const key = name.toLowerCase();
    let close = closes.get(key);
    if (close === undefined) {
      close = searcher(text, new RegExp(`<\\s*/\\s*${key}\\s*>`, 'gi'));
      closes.set(key, close);
    }
    const closed = close(from);
    if (closed !== null) return closed.index + closed[0].length;
    const next = lineStartTool(from);
    return next === null ? text.length : next.index + next[0].length - (next[1] ?? '').length;
  };
}

/** Finds where a tool block ends: at its closing tag, else at the next opening tag, else at the end. */
function blockEnder(text: string): (from: number) => { contentEnd: number; blockEnd: number } {
  const close = searcher(text, CLOSE_TOOL);
  const open = new RegExp(OPEN_TAG.source, OPEN_TAG.flags);
  return (from) => {
    const closed = close(from);
    open.lastIndex = from;
    const next = open.exec(text);
    if (closed !== null && (next === null || closed.index < next.index)) {
      return { contentEnd: closed.index, blockEnd: closed.index + closed[0].length };
    }
    const end = next === null ? text.length : next.index;
    return { contentEnd: end, blockEnd: end };
  };
}

/** The first match at or after `from`, remembering the last search so that a scan stays linear. */
function searcher(text: string, pattern: RegExp): (from: number) => RegExpExecArray | null {
  const regex = new RegExp(pattern.source, pattern.flags);
  let found: RegExpExecArray | null = null;
  let searchedFrom = Number.POSITIVE_INFINITY;
  return (from) => {
    if (from < searchedFrom || (found !== null && found.index < from)) {
      regex.lastIndex = from;
      found = regex.exec(text);
      searchedFrom = from;
    }
    return found;
  };
}

type Source = Extract<Action['source'], { type: 'block' }>;

function toAction(kind: BlockKind, content: string, source: Source): Action | undefined {
  const fields = readFields(kind, content);
  if (fields === undefined) return undefined;
  const to = [...parseRecipients(fields.to), ...parseRecipients(fields.cc), ...parseRecipients(fields.bcc)];
  const body = fields.body ?? '';
  switch (kind) {
    case 'email':
      return { kind, to: unique(to), subject: fields.subject ?? '', body, source };
    case 'forward':
      return { kind, emailIds: parseEmailIds(fields.email_id), to: unique(to), body, source };
    case 'cancel_alert':
      return fields.code === undefined ? undefined : { kind, code: fields.code, source };
  }
}

/** The block's fields, or undefined when it has none a tool would accept. */
function readFields(kind: BlockKind, content: string): Partial<Record<Field, string>> | undefined {
  const lines = stripFences(content.split(/\r?\n/));
  const json = readJsonFields(kind, lines.join('\n'));
  if (json !== undefined) return json;
  const fields: Partial<Record<Field, string>> = {};
  let body: string[] | undefined;
  let pending: Field | undefined;
  for (const line of lines) {
    const key = readKey(kind, line);
    // A body runs to the end of the block; only a main header not seen yet (written after the body) ends it.
    if (body !== undefined) {
      if (key === undefined || !BODY_ENDING.has(key.field) || fields[key.field] !== undefined) {
        body.push(line);
        continue;
      }
      fields.body = body.join('\n');
      body = undefined;
    }
    if (key === undefined) {
      if (pending !== undefined && line.trim() !== '') {
        fields[pending] = cleanValue(line);
        pending = undefined;
      }
      continue;
    }
    pending = undefined;
    if (key.field === 'body' && fields.body === undefined) body = [key.value];
    else if (key.value.trim() === '') pending = key.field;
    else if (fields[key.field] === undefined) fields[key.field] = cleanValue(key.value);
    else if (key.field !== 'body') fields[key.field] = `${fields[key.field]}, ${cleanValue(key.value)}`;
  }
  if (body !== undefined) fields.body = body.join('\n');
  if (fields.body !== undefined) fields.body = cleanBody(fields.body);
  if (Object.keys(fields).length > 0) return fields;
  // A bare code, e.g. <tool_use:cancel_alert>EXEC-4429</tool_use:cancel_alert>.
  const bare = lines.join(' ').trim();
  if (kind === 'cancel_alert' && /^["'`]?[\w-]{1,40}["'`]?,?$/.test(bare)) return { code: cleanValue(bare) };
  return undefined;
}

function readKey(kind: BlockKind, line: string): { field: Field; value: string } | undefined {
  const m = KEY_LINE.exec(line);
  if (m === null) return undefined;
  const name = (m[1] ?? '').trim().toLowerCase().replace(/[ -]+/g, '_');
  const field = KEY_ALIASES[kind][name];
  return field === undefined ? undefined : { field, value: m[2] ?? '' };
}

/** A block written as one JSON object: `{"to": "…", "subject": "…", "body": "…"}`. */
function readJsonFields(kind: BlockKind, content: string): Partial<Record<Field, string>> | undefined {
  const trimmed = content.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields: Partial<Record<Field, string>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const field = KEY_ALIASES[kind][key.trim().toLowerCase().replace(/[ -]+/g, '_')];
    if (field === undefined || fields[field] !== undefined) continue;
    fields[field] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function stripFences(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start]!.trim() === '' || FENCE_LINE.test(lines[start]!))) start++;
  while (end > start && (lines[end - 1]!.trim() === '' || FENCE_LINE.test(lines[end - 1]!))) end--;
  return lines.slice(start, end);
}

/** Trims a one-line value and removes a trailing comma and surrounding quotes. */
function cleanValue(value: string): string {
  return unquote(
    value
      .trim()
      .replace(/[,;]+$/, '')
      .trim(),
  );
}

function cleanBody(body: string): string {
  const trimmed = body.trim();
  const quoted = /^(["'])([\s\S]*)\1,?$/.exec(trimmed);
  return quoted === null ? trimmed : (quoted[2] ?? '').trim();
}

function unquote(value: string): string {
  const m = /^(["'`])([\s\S]*)\1$/.exec(value);
  return m === null ? value : (m[2] ?? '');
}

/** Addresses when there are any (`Name <addr>` gives addr), otherwise the names as written. */
function parseRecipients(value: string | undefined): string[] {
  if (value === undefined) return [];
  const tokens = value.split(/[\s,;<>"'()[\]]+/).map((t) => t.replace(/^mailto:/i, '').replace(/[.:]+$/, ''));
  const addresses = tokens.filter((t) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(t));
  if (addresses.length > 0) return addresses;
  return value
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[,;]/)
    .map(cleanValue)
    .filter((name) => name !== '');
}

function parseEmailIds(value: string | undefined): number[] {
  if (value === undefined) return [];
  const ids = (value.match(/\d+/g) ?? []).map(Number).filter((n) => Number.isSafeInteger(n));
  return unique(ids);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
