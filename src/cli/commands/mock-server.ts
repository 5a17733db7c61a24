import type { Command } from 'commander';
import { ConfigError, MAX_TIMER_MS } from '../../spec/index.ts';
import { listenError } from '../listen-error.ts';
import { decimalInteger, nonNegativeInteger, portNumber } from '../options.ts';

interface MockServerFlags {
  port: number;
  host: string;
  latencyMs?: number;
  rateLimit?: number;
  errorRate?: number;
  errorLatencyMs?: number;
  timeoutRate?: number;
  malformedRate?: number;
  seed?: number;
  quiet?: boolean;
}

export function registerMockServer(program: Command): void {
  program
    .command('mock-server')
    .summary('a local OpenAI/Anthropic/Gemini API answered by the sim agents, with seeded faults')
    .description(
      'serve the sim agents behind OpenAI chat completions (POST /v1/chat/completions) and Responses ' +
        '(POST /v1/responses), Anthropic messages (POST /v1/messages) and Gemini ' +
        '(POST /v1beta/models/<model>:generateContent), with seeded rate limits and faults; counts at GET /stats. ' +
        'Point any provider at it with --base-url. The fault rates are shares within 0..1 that add up to at most 1.',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', portNumber('--port'), 8787)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--latency-ms <n>', 'wait this long before each answer', milliseconds('--latency-ms'))
    .option(
      '--rate-limit <rps>',
      'requests a second before answering 429 (token bucket)',
      positiveNumber('--rate-limit'),
    )
    .option('--error-rate <f>', 'share of requests answered with a 500 (0..1)', rate('--error-rate'))
    .option(
      '--error-latency-ms <n>',
      'wait this long before a 500 (default: --latency-ms; 0 refuses at once, as an overloaded API does)',
      milliseconds('--error-latency-ms'),
    )
    .option('--timeout-rate <f>', 'share of requests never answered (0..1)', rate('--timeout-rate'))
    .option(
      '--malformed-rate <f>',
      'share of requests answered with a body that is not JSON (0..1)',
      rate('--malformed-rate'),
    )
    .option('--seed <n>', 'seed of the fault draws', nonNegativeInteger('--seed'))
    .option('--quiet', 'no line per request')
    .action(async (flags: MockServerFlags) => {
      const faults = (flags.errorRate ?? 0) + (flags.timeoutRate ?? 0) + (flags.malformedRate ?? 0);
      // Past float rounding only: 0.34 + 0.56 + 0.1 is 1.0000000000000002.
      if (faults > 1 + 1e-9)
        throw new ConfigError('invalid-input', `the fault rates add up to ${faults}, more than 1`);
      const { startMockServer } = await import('../../mock-server/index.ts');
      const server = await startMockServer({
        port: flags.port,
        host: flags.host,
        ...(flags.latencyMs === undefined ? {} : { latencyMs: flags.latencyMs }),
        ...(flags.rateLimit === undefined ? {} : { rateLimit: flags.rateLimit }),
        ...(flags.errorRate === undefined ? {} : { errorRate: flags.errorRate }),
        ...(flags.errorLatencyMs === undefined ? {} : { errorLatencyMs: flags.errorLatencyMs }),
        ...(flags.timeoutRate === undefined ? {} : { timeoutRate: flags.timeoutRate }),
        ...(flags.malformedRate === undefined ? {} : { malformedRate: flags.malformedRate }),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.quiet === true ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
      }).catch((error: unknown) => {
        throw listenError(error, flags.host, flags.port);
      });
      // Listening for Ctrl-C before the banner says where to stop: a signal sent on reading it finds the handler.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stdout.write(
        `mock server listening on ${server.url} (sim agents, not models)\n` +
          `  OpenAI:    POST ${server.url}/v1/chat/completions   POST ${server.url}/v1/responses\n` +
          `  Anthropic: POST ${server.url}/v1/messages\n` +
          `  Gemini:    POST ${server.url}/v1beta/models/<model>:generateContent\n` +
          `  try:       haywire run --model anthropic/sim-insider --base-url ${server.url}   (any key value works)\n` +
          `  stats:     GET ${server.url}/stats   stop: Ctrl-C\n`,
      );
      await stopped;
      const stats = server.stats();
      await server.close();
      process.stdout.write(
        `served ${stats.requests} requests: ${stats.ok} ok, ${stats.rateLimited} rate-limited, ${stats.errors} errors, ` +
          `${stats.timeouts} hung, ${stats.malformed} malformed\n`,
      );
    });
}

// Plain decimal only: `Number` would also take `0x1`, `1e-1`, `" 5"` and (as 0) the empty string.
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = DECIMAL.test(value) ? Number(value) : Number.NaN;
    if (!(n > 0) || !Number.isFinite(n))
      throw new ConfigError('invalid-input', `${flag} must be a decimal number > 0, got "${value}"`);
    return n;
  };
}

function rate(flag: string) {
  return (value: string): number => {
    const n = DECIMAL.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 0 && n <= 1))
      throw new ConfigError('invalid-input', `${flag} must be a decimal number within 0..1, got "${value}"`);
    return n;
  };
}

/** A wait in whole milliseconds that a timer can hold: past MAX_TIMER_MS Node's setTimeout fires at once. */
function milliseconds(flag: string) {
  return (value: string): number => {
    const n = decimalInteger(value);
    if (!(n <= MAX_TIMER_MS))
      throw new ConfigError(
        'invalid-input',
        `${flag} must be a whole number of milliseconds from 0 to ${MAX_TIMER_MS}, got "${value}"`,
      );
    return n;
  };
}
