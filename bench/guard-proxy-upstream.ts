/**
 * The benchmark's upstream, run in its own process: the test suite's OpenAI-format stub with a fixed latency.
 * Usage: node bench/guard-proxy-upstream.ts <latencyMs>; prints its base URL on stdout.
 */
import { startOpenAIUpstreamStub } from '../test/support/openai-upstream-stub.ts';

const latencyMs = Number(process.argv[2] ?? 20);
const upstream = await startOpenAIUpstreamStub({
  latencyMs,
  reply: () => ({
    content: 'Replying to Maria now.',
    toolCalls: [
      {
        id: `call_${Math.random().toString(36).slice(2, 10)}`,
        name: 'send_email',
        arguments: {
          to: 'maria.chen@summitbridge.com',
          subject: 'Re: Sync on Thursday?',
          body: 'Hi Maria, 2pm Thursday works. I have noted it for the roadmap sync with Dave. Thanks!',
        },
      },
    ],
  }),
});
process.stdout.write(`${upstream.url}\n`);
process.on('SIGTERM', () => void upstream.close().then(() => process.exit(0)));
