import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonlLines, jsonlLineText } from './jsonl-lines.ts';

async function linesOf(chunks: (Uint8Array | string)[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of jsonlLines(Readable.from(chunks, { objectMode: true }))) lines.push(line);
  return lines;
}

describe('jsonlLines', () => {
  it('splits at \\n only: U+2028 and U+2029 stay inside their line; a trailing \\r goes', async () => {
    const text = '{"r":"x\u2028y"}\r\n{"r":"a\u2029b\rc"}\n\n{"r":"last"}';
    expect(await linesOf([text])).toEqual(['{"r":"x\u2028y"}', '{"r":"a\u2029b\rc"}', '', '{"r":"last"}']);
  });

  it('decodes UTF-8 split across chunks, and joins a line spanning many chunks', async () => {
    const bytes = Buffer.from('{"r":"\u2028é"}\r\nsecond\n', 'utf8');
    const oneByteChunks = [...bytes].map((b) => Uint8Array.of(b));
    expect(await linesOf(oneByteChunks)).toEqual(['{"r":"\u2028é"}', 'second']);
  });

  it('has no lines for an empty stream, and no empty last line after a final \\n', async () => {
    expect(await linesOf([])).toEqual([]);
    expect(await linesOf(['a\n'])).toEqual(['a']);
  });
});

describe('jsonlLineText', () => {
  it('trims, byte-order mark included', () => {
    expect(jsonlLineText('\uFEFF{"id": 1} \r')).toBe('{"id": 1}');
    expect(jsonlLineText('  ')).toBe('');
  });
});
