import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../index.ts';
import { startViewer } from './start-viewer.ts';

const store = openStore(':memory:');
afterAll(() => store.close());

describe('startViewer', () => {
  it('listens on 127.0.0.1 by default and answers only for its own host name', async () => {
    const viewer = await startViewer({ store, port: 0 });
    try {
      expect(viewer.url).toBe(`http://127.0.0.1:${viewer.port}/`);
      expect((await fetch(`${viewer.url}api/runs`)).status).toBe(200);
      expect((await fetch(`http://localhost:${viewer.port}/api/runs`)).status).toBe(200);
    } finally {
      await viewer.close();
    }
  });

  it('refuses a non-loopback host unless asked for it explicitly', async () => {
    await expect(startViewer({ store, port: 0, host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/--host 0.0.0.0/),
    });
  });

  it('says which port is taken', async () => {
    const first = await startViewer({ store, port: 0 });
    try {
      await expect(startViewer({ store, port: first.port })).rejects.toMatchObject({
        message: expect.stringMatching(/in use/),
      });
    } finally {
      await first.close();
    }
  });
});
