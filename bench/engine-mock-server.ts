// Child process of bench/engine.ts: the mock server on its own CPU, so the engine's figures are its own.
// Usage: node bench/engine-mock-server.ts '<MockServerOptions JSON>'; prints its URL, then serves until killed.
import { startMockServer } from '../src/mock-server/index.ts';

const server = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
