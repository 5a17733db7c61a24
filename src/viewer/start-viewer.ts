import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ConfigError, type Store } from '../index.ts';
import { createViewerApp } from './create-viewer-app.ts';

/** Where the viewer listens. */
export interface StartViewerOptions {
  readonly store: Store;
  /** 0 picks a free port. Default 4173. */
  readonly port?: number;
  /** Default 127.0.0.1. Any other address must be asked for explicitly with `allowNonLoopback`. */
  readonly host?: string;
  /** Set when the user named the host themselves (`--host`): only then is a non-loopback address served. */
  readonly allowNonLoopback?: boolean;
}

/** A running viewer. */
export interface RunningViewer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Serves the viewer for a store until `close()`. Loopback only unless a host is given on purpose; on
 * loopback, requests naming any other host are refused (DNS rebinding).
 * @example
 * const viewer = await startViewer({ store: openStore('.haywire/haywire.db'), port: 0 });
 * console.log(viewer.url);
 */
export async function startViewer(options: StartViewerOptions): Promise<RunningViewer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = LOOPBACK.has(host);
  if (!loopback && options.allowNonLoopback !== true) {
    throw new ConfigError(
      'invalid-input',
      `the viewer listens on loopback only; pass --host ${host} to serve on it`,
    );
  }
  const port = options.port ?? 4173;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError('invalid-input', `port must be 0–65535, got ${port}`);
  // Known once the port is: with port 0 the system picks it.
  let allowed: ReadonlySet<string> | undefined;
  const app = createViewerApp({
    store: options.store,
    allowHost: (h) => !loopback || allowed?.has(h) === true,
  });
  const server = serve({ fetch: app.fetch, port, hostname: host });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError('invalid-input', `port ${port} is in use; pick another with --port`)
          : error,
      ),
    );
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  if (loopback) allowed = new Set(['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${address.port}`));
  return {
    url: `http://${urlHost}:${address.port}/`,
    port: address.port,
    host,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
