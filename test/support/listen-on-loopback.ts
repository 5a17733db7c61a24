import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';

/** Starts a test upstream on 127.0.0.1: its base URL (`…/v1`) and a close that also drops open connections. */
export async function listenOnLoopback(
  server: Server,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether this machine can bind the IPv6 loopback: a container without IPv6 cannot, and skips such tests. */
export function canListenOnIpv6Loopback(): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}
