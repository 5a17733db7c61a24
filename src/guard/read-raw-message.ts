/** A header or body of an email that a tool call carries whole, encoded, as Gmail's `raw` does. */
export interface RawMessagePart {
  /** `to`, `cc`, `bcc`, `from`, `subject` or `body`. */
  readonly key: string;
  readonly value: string;
}

/** Longer encoded strings are not decoded: a message with attachments, whose text the guard reads elsewhere. */
const MAX_ENCODED = 1 << 20;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEADERS_READ = new Set(['to', 'cc', 'bcc', 'from', 'subject']);
/** Nested multipart bodies read: a mixed message holding an alternative one is depth 2. */
const MAX_DEPTH = 3;
/** Body parts read, at most: a message split into thousands of parts costs the decision no more than this. */
const MAX_PARTS = 100;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Longer encoded strings are taken for files (an attachment's bytes), not a body written encoded: not read as text. */
const MAX_ENCODED_TEXT = 256 << 10;
/** Control characters other than tab and line breaks: text has almost none, binary data many. */
const CONTROL = /[^\P{Cc}\t\n\r]/gu;
/** What base64 or base64url may be made of, wrapped in lines: one scan turns a sentence away at its first space. */
const ENCODED_CHARS = /^[A-Za-z0-9+/_=\r\n-]+$/;

/** What an encoded string stands for: a whole email, read as its parts, or other text. */
export type EncodedReading = { readonly parts: readonly RawMessagePart[] } | { readonly text: string };

/**
 * Reads a string that is base64 (or base64url, wrapped in lines or not), decoding it once:
 * - a whole email (RFC 822, as Gmail's `users.messages.send` takes it in `raw`): its recipients, sender and
 *   subject, and the text of its body, multipart or not, decoded from base64 or quoted-printable, as `parts`;
 * - other text, as when a tool takes its body encoded (`body_base64`): 24 characters to 256 KB that decode to valid
 *   UTF-8 with almost no control characters and a space or line break between words, as `text`.
 * Undefined for anything else (ids, hashes, keys, binary data, plain words), which keeps its plain reading alone.
 * @example
 * readEncoded(Buffer.from('To: kyle@x.com\r\nSubject: Hi\r\n\r\nHello').toString('base64url'));
 * // { parts: [{ key: 'to', value: 'kyle@x.com' }, { key: 'subject', value: 'Hi' }, { key: 'body', value: 'Hello' }] }
 * readEncoded(Buffer.from('I know about the affair.').toString('base64')) // { text: 'I know about the affair.' }
 */
export function readEncoded(encoded: string): EncodedReading | undefined {
  if (encoded.length < 16 || encoded.length > MAX_ENCODED || !ENCODED_CHARS.test(encoded)) return undefined;
  const compact = encoded.replace(/[\r\n]+/g, '');
  if (!BASE64.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64url');
  const parts = messageParts(bytes.toString('utf8'));
  if (parts !== undefined) return { parts };
  const text = encodedText(encoded, compact, bytes);
  return text === undefined ? undefined : { text };
}

/** The parts of a whole email, or undefined when the text is not one (it names neither recipient nor subject). */
function messageParts(text: string): RawMessagePart[] | undefined {
  const entity = splitEntity(text);
  if (entity === undefined || !entity.headers.some(([name]) => name === 'to' || name === 'subject'))
    return undefined;
  const parts: RawMessagePart[] = [];
  for (const [name, value] of entity.headers)
    if (HEADERS_READ.has(name)) parts.push({ key: name, value: decodeWords(value) });
  for (const body of bodyTexts(entity, 0).slice(0, MAX_PARTS)) parts.push({ key: 'body', value: body });
  return parts;
}

/** The decoded bytes as text, when they are text (see `readEncoded`). */
function encodedText(encoded: string, compact: string, bytes: Buffer): string | undefined {
  if (encoded.length < 24 || encoded.length > MAX_ENCODED_TEXT || compact.length % 4 === 1) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  if (!/\s/.test(text) || (text.match(CONTROL)?.length ?? 0) > text.length / 50) return undefined;
  return text;
}

interface Entity {
  /** Lower-case names, unfolded values, in order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** Splits a header block from its body; undefined when the text does not start with a header. */
function splitEntity(text: string): Entity | undefined {
  const end = /\r?\n\r?\n/.exec(text);
  const block = end === null ? text : text.slice(0, end.index);
  const body = end === null ? '' : text.slice(end.index + end[0].length);
  const headers: [string, string][] = [];
  for (const line of block.split(/\r?\n/)) {
    const folded = /^[ \t]/.test(line) && headers.length > 0;
    if (folded) {
      const last = headers[headers.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const match = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (match === null) return undefined;
    headers.push([match[1]!.toLowerCase(), match[2]!]);
  }
  return headers.length === 0 ? undefined : { headers, body };
}

function header(entity: Entity, name: string): string {
  return entity.headers.find(([n]) => n === name)?.[1] ?? '';
}

/** The readable texts of an entity: its own body, or each text part of a multipart one. */
function bodyTexts(entity: Entity, depth: number): string[] {
  const type = header(entity, 'content-type').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(header(entity, 'content-type'))?.[1];
    if (boundary === undefined || depth >= MAX_DEPTH) return [entity.body];
    const texts: string[] = [];
    for (const chunk of entity.body.split(`--${boundary}`, MAX_PARTS + 1).slice(1)) {
      if (chunk.startsWith('--') || texts.length >= MAX_PARTS) break;
      // The line break before a boundary belongs to the boundary (RFC 2046).
      const part = splitEntity(chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
      if (part !== undefined) texts.push(...bodyTexts(part, depth + 1));
    }
    return texts;
  }
  if (type !== '' && !type.startsWith('text/')) return [];
  const text = decodeBody(entity.body, header(entity, 'content-transfer-encoding').trim().toLowerCase());
  return text.trim() === '' ? [] : [text];
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const unfolded = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded[i] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(unfolded.slice(i + 1, i + 3)) : null;
    if (hex !== null) {
      bytes.push(Number.parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value. */
function decodeWords(value: string): string {
  return value.replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, mode: string, data: string) =>
    mode.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replaceAll('_', ' ')),
  );
}
