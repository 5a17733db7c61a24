import type { Command } from 'commander';
import { ConfigError } from '../../spec/index.ts';
import { listenError } from '../listen-error.ts';
import { nonNegativeInteger, portNumber, timerDuration } from '../options.ts';

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
    .summary('a local OpenAI/Anthropic API answered by the sim agents, with seeded faults')
    .description(
      'serve the sim agents behind OpenAI chat completions (POST /v1/chat/completions) and Anthropic messages ' +
        '(POST /v1/messages), with seeded rate limits and faults; point any provider at it with --base-url',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', portNumber('--port'), 8787)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option(
      '--latency-ms <n>',
      'wait this long before each answer',
      timerDuration('--latency-ms', 'ms', nonNegativeInteger('--latency-ms')),
    )
    .option(
      '--rate-limit <rps>',
      'requests a second before answering 429 (token bucket)',
      positiveNumber('--rate-limit'),
    )
    .option('--error-rate <f>', 'share of requests answered with a 500', rate('--error-rate'))
    .option(
      '--error-latency-ms <n>',
      'wait this long before a 500 (default: --latency-ms; 0 refuses at once, as an overloaded API does)',
      timerDuration('--error-latency-ms', 'ms', nonNegativeInteger('--error-latency-ms')),
    )
    .option('--timeout-rate <f>', 'share of requests never answered', rate('--timeout-rate'))
    .option(
      '--malformed-rate <f>',
      'share of requests answered with a body that is not JSON',
      rate('--malformed-rate'),
    )
    .option('--seed <n>', 'seed of the fault draws', nonNegativeInteger('--seed'))
    .option('--quiet', 'no line per request')
    .action(async (flags: MockServerFlags) => {
      const faults = (flags.errorRate ?? 0) + (flags.timeoutRate ?? 0) + (flags.malformedRate ?? 0);
      if (faults > 1)
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
      process.stdout.write(
        `mock server listening on ${server.url} (sim agents, not models)\n` +
          `  OpenAI:    POST ${server.url}/v1/chat/completions   Anthropic: POST ${server.url}/v1/messages\n` +
          `  try:       haywire run --model anthropic/sim-insider --base-url ${server.url}   (any key value works)\n` +
          `  stats:     GET ${server.url}/stats   stop: Ctrl-C\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      const stats = server.stats();
      await server.close();
      process.stdout.write(
        `served ${stats.requests} requests: ${stats.ok} ok, ${stats.rateLimited} rate-limited, ${stats.errors} errors, ` +
          `${stats.timeouts} hung, ${stats.malformed} malformed\n`,
      );
    });
}

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0) || !Number.isFinite(n))
      throw new ConfigError('invalid-input', `${flag} must be a number > 0, got "${value}"`);
    return n;
  };
}

function rate(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1))
      throw new ConfigError('invalid-input', `${flag} must be a number within 0..1, got "${value}"`);
    return n;
  };
}
