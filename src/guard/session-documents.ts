/** Something the agent read, as the guard keeps it: one email, file or tool result. */
export interface SessionDocument {
  /** The email's id, the file's path, or the tool call's id. */
  readonly id: string;
  readonly from: string | undefined;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
}

const EMAIL_BLOCK = /<email>([\s\S]*?)<\/email>/g;
const HEADER = /^([A-Za-z-]+):[ \t]*(.*)$/;

/**
 * Splits a tool result into documents: each `<email>` block (the study's inbox format), each item of a
 * JSON array of messages, or else the whole text as one document named `fallbackId`.
 */
export function documentsOf(content: string, fallbackId: string): SessionDocument[] {
  const emails = [...content.matchAll(EMAIL_BLOCK)].map((m, i) =>
    parseEmail(m[1] ?? '', `${fallbackId}#${i + 1}`),
  );
  if (emails.length > 0) return emails;
  const json = jsonMessages(content, fallbackId);
  if (json.length > 0) return json;
  return [{ id: fallbackId, from: undefined, to: [], subject: '', body: content }];
}

function parseEmail(block: string, fallbackId: string): SessionDocument {
  const lines = block.replace(/^\n/, '').split('\n');
  const headers = new Map<string, string>();
  let bodyStart = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i] ?? '');
    if (m === null) {
      bodyStart = i;
      break;
    }
    const key = (m[1] ?? '').toLowerCase();
    if (key === 'body') {
      headers.set('body', m[2] ?? '');
      bodyStart = i + 1;
      break;
    }
    headers.set(key, m[2] ?? '');
  }
  const body = [headers.get('body') ?? '', ...lines.slice(bodyStart)].join('\n').trim();
  return {
    id: headers.get('id')?.trim() || fallbackId,
    from: headers.get('from')?.trim(),
    to: splitAddresses(headers.get('to') ?? ''),
    subject: headers.get('subject') ?? '',
    body,
  };
}

function jsonMessages(content: string, fallbackId: string): SessionDocument[] {
  const trimmed = content.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return [];
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return [];
    const o = item as Record<string, unknown>;
    const body = [o.body, o.text, o.content, o.message].find((v) => typeof v === 'string');
    if (typeof body !== 'string') return [];
    const id = o.id ?? o.email_id ?? o.message_id;
    const to = o.to;
    return [
      {
        id: typeof id === 'string' || typeof id === 'number' ? String(id) : `${fallbackId}#${i + 1}`,
        from: typeof o.from === 'string' ? o.from : undefined,
        to: Array.isArray(to)
          ? to.filter((t): t is string => typeof t === 'string')
          : typeof to === 'string'
            ? splitAddresses(to)
            : [],
        subject: typeof o.subject === 'string' ? o.subject : '',
        body,
      },
    ];
  });
}

function splitAddresses(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((part) => (part.match(/<([^>]+)>/)?.[1] ?? part).trim())
    .filter((part) => part !== '');
}
