import { createServer } from 'node:net';
import { ConfigError } from '../spec/index.ts';

// Why an address cannot be listened on, by Node's error code: the user's to fix, not a bug.
const PROBLEMS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use; pick another with --port',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: "the address is not one of this machine's",
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  EAI_FAIL: 'the host name could not be resolved',
  ERR_SOCKET_BAD_PORT: 'the port must be a whole number 0–65535',
};

/**
 * The error a server's failure to listen on `host:port` should be: a ConfigError naming the address and the
 * problem (a busy port, an unknown host) when it is one, else `error` itself.
 */
export function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const problem = code === undefined ? undefined : PROBLEMS[code];
  if (problem === undefined) return error;
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new ConfigError('invalid-input', `cannot listen on ${address}: ${problem}`, { cause: error });
}

/**
 * Listens on `host:port` and lets go at once: checks that a server can start there before anything is
 * created for it (a store file). Throws `listenError`'s ConfigError when it cannot; with port 0, when the
 * host cannot be bound.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(error, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
