// Child process of bench/engine.ts: the baseline. The provider adapter alone (AI SDK, HTTP, the mock server's
// answer) making the same N requests at the same concurrency, without the engine, harness, graders or store.
// With a rate, it paces itself to that many requests a second, in groups as the engine does under a rate limit.
// Usage: node bench/engine-baseline.ts <base url> <requests> <concurrency> [rate per second]
import module from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

// As the CLI does (bin/haywire.js): compiled modules cached on disk, so a warm start skips the type stripper.
module.enableCompileCache?.();
const [{ loadExperiment }, { planRun }, { resolveModel }, { PACE_GROUP_MS }] = await Promise.all([
  import('../src/engine/load-experiment.ts'),
  import('../src/engine/plan-run.ts'),
  import('../src/models/index.ts'),
  import('../src/engine/adaptive-limiter.ts'),
]);

const [url = '', requests = '2000', concurrency = '50', rate] = process.argv.slice(2);
const spacingMs = rate === undefined ? 0 : 1000 / Number(rate);
// Paced as the engine's limiter paces: in groups that leave when the last one's quota is back, a group at most
// PACE_GROUP_MS apart (src/engine/adaptive-limiter.ts).
// BENCH_PACE=even spaces them one by one instead, as the engine did before.
const group =
  spacingMs === 0 || process.env.BENCH_PACE === 'even' ? 1 : 1 + Math.floor(PACE_GROUP_MS / spacingMs);
const modelId = 'openai/sim-insider';
const plan = planRun(loadExperiment({ overrides: { models: [modelId], epochs: 1 } }), [modelId]);
const renders = [...plan.renders.values()];
const model = resolveModel(modelId, { baseUrl: url, env: { OPENAI_API_KEY: 'bench-not-a-key' } });

const cpu = process.cpuUsage();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < Number(requests)) {
      const index = next++;
      const r = renders[index % renders.length]!;
      const lastOfGroup = Math.floor(index / group) * group + group - 1;
      const wait = started + lastOfGroup * spacingMs - performance.now();
      if (wait > 0) await sleep(wait);
      const messages = [
        { role: 'system' as const, content: r.system },
        { role: 'user' as const, content: r.user },
      ];
      await model.generate({ messages, temperature: 1, maxTokens: 4000, seed: index });
    }
  }),
);
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
