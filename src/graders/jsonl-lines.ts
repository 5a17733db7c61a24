/**
 * The lines of a JSONL stream, split at `\n` only, each without a trailing `\r`. Unlike node:readline, a raw U+2028
 * or U+2029 (legal inside a JSON string) does not end a line. Bytes are decoded as UTF-8 across chunk boundaries;
 * a last line without `\n` is kept, and an empty stream has no lines.
 * @example for await (const line of jsonlLines(createReadStream('cases.jsonl'))) console.log(line);
 */
export async function* jsonlLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  // The start of a line whose `\n` has not come yet.
  let pending = '';
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    // Only the new text is searched, so a line spanning many chunks costs linear time.
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      yield withoutCarriageReturn(pending + text.slice(start, end));
      pending = '';
      start = end + 1;
    }
    pending += text.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield withoutCarriageReturn(pending);
}

const withoutCarriageReturn = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * A JSONL line as `grade` and `calibrate` parse it: trimmed. JavaScript's white space includes U+FEFF, so this also
 * drops the UTF-8 byte-order mark some editors write at the start of a file (JSON.parse would refuse it).
 * @example jsonlLineText('\uFEFF{"id": 1}\r') // '{"id": 1}'
 */
export function jsonlLineText(raw: string): string {
  return raw.trim();
}
