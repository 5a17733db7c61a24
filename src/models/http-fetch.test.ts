import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.ts';

let server: http.Server;
let base = '';
const hung = new Set<http.ServerResponse>();
let streaming: http.ServerResponse | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      switch (req.url) {
        case '/echo':
          res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-remaining': '7' });
          res.end(JSON.stringify({ method: req.method, body, seed: req.headers['x-haywire-seed'] }));
          return;
        case '/gzip':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(JSON.stringify({ unpacked: true })));
          return;
        case '/stream':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: one\n\n');
          // The second event waits until the client, having read the first, calls /release.
          streaming = res;
          return;
        case '/release':
          streaming?.end('data: two\n\n');
          res.end();
          return;
        case '/redirect':
          res.writeHead(307, { location: '/echo' });
          res.end();
          return;
        case '/empty':
          res.writeHead(204);
          res.end();
          return;
        case '/hang':
          hung.add(res);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"partial":');
          return;
        default:
          res.writeHead(404);
          res.end('no such path');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hung) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpFetch', () => {
  it('sends method, headers and body, and returns status, headers and body as fetch does', async () => {
    const response = await httpFetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-haywire-seed': '42' },
      body: '{"hello":"world"}',
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-remaining')).toBe('7');
    expect(await response.json()).toEqual({ method: 'POST', body: '{"hello":"world"}', seed: '42' });
  });

  it('takes a URL object, a Headers object and a byte body', async () => {
    const response = await httpFetch(new URL(`${base}/echo`), {
      method: 'PUT',
      headers: new Headers({ 'x-haywire-seed': '7' }),
      body: new TextEncoder().encode('bytes'),
    });
    expect(await response.json()).toEqual({ method: 'PUT', body: 'bytes', seed: '7' });
  });

  it('decodes a gzip body', async () => {
    expect(await (await httpFetch(`${base}/gzip`)).json()).toEqual({ unpacked: true });
  });

  it('streams an event-stream body as it arrives', async () => {
    const response = await httpFetch(`${base}/stream`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: one\n\n');
    await (await httpFetch(`${base}/release`)).text();
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toBe('data: two\n\n');
  });

  it('follows a redirect through the built-in fetch', async () => {
    const response = await httpFetch(`${base}/redirect`, { method: 'POST', body: 'again' });
    expect(await response.json()).toMatchObject({ method: 'POST', body: 'again' });
  });

  it('gives a 204 an empty body and a 404 its status', async () => {
    const empty = await httpFetch(`${base}/empty`);
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    const missing = await httpFetch(`${base}/nowhere`);
    expect([missing.status, missing.ok, await missing.text()]).toEqual([404, false, 'no such path']);
  });

  it('rejects with the signal reason when aborted before or during the response', async () => {
    const early = AbortSignal.abort(new DOMException('gave up', 'TimeoutError'));
    await expect(httpFetch(`${base}/echo`, { signal: early })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    const controller = new AbortController();
    const pending = httpFetch(`${base}/hang`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new DOMException('no answer', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError', message: 'no answer' });
  });

  it('fails like fetch when nothing listens: TypeError "fetch failed" with the cause', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await httpFetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });
});
