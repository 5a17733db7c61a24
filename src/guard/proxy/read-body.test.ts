import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from './read-body.ts';

let port = 0;
const server = createServer(async (incoming, response) => {
  const body = await readBody(incoming);
  response.end(JSON.stringify({ length: body.length, text: body.toString('utf8') }));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Posts a body in the given pieces, each written after the previous one was sent. */
function post(pieces: string[], headers: Record<string, string | number> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const sent = request({ port, method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      response.on('end', () => resolve(JSON.parse(text)));
    });
    sent.on('error', reject);
    const next = (rest: string[]) => {
      if (rest.length <= 1) return void sent.end(rest[0]);
      sent.write(rest[0]);
      setTimeout(() => next(rest.slice(1)), 10);
    };
    next(pieces);
  });
}

describe('readBody', () => {
  it('reads a body that came with its headers, an empty one, and one that arrives in pieces', async () => {
    expect(await post(['{"messages":[]}'], { 'content-length': 15 })).toEqual({
      length: 15,
      text: '{"messages":[]}',
    });
    expect(await post([], { 'content-length': 0 })).toEqual({ length: 0, text: '' });
    expect(await post(['{"a":', '1,"b"', ':2}'])).toEqual({ length: 13, text: '{"a":1,"b":2}' });
    const big = 'x'.repeat(300_000);
    expect(await post([big.slice(0, 1000), big.slice(1000)], { 'content-length': big.length })).toEqual({
      length: big.length,
      text: big,
    });
  });
});
