import type { Command } from 'commander';
import { listenError } from '../listen-error.ts';
import { openExistingStore, portNumber, storePath } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

export function registerView(program: Command): void {
  program
    .command('view')
    .description('browse runs, rates and transcripts in a local web viewer (127.0.0.1 unless --host)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber('--port'), 4173)
    .option('--host <host>', 'address to listen on; anything but loopback exposes your transcripts')
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .action(async (options: { port: number; host?: string; store?: string }) => {
      const store = openExistingStore(storePath(options.store));
      try {
        // Loaded here: the viewer's web server is the heaviest part of the CLI and no other command needs it.
        const { startViewer } = await import('../../viewer/index.ts');
        const viewer = await startViewer({
          store,
          port: options.port,
          ...(options.host === undefined ? {} : { host: options.host, allowNonLoopback: true }),
        }).catch((error: unknown) => {
          throw listenError(error, options.host ?? '127.0.0.1', options.port);
        });
        process.stdout.write(`haywire view: ${viewer.url}  (store ${store.path}; Ctrl-C to stop)\n`);
        if (!['127.0.0.1', 'localhost', '::1'].includes(viewer.host))
          process.stderr.write(
            `warning: serving on ${viewer.host}: anyone who can reach it can read the transcripts\n`,
          );
        await untilStopped();
        await viewer.close();
      } finally {
        store.close();
      }
    });
}
