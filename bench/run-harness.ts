/**
 * Benchmark (not a test): CPU and memory that harness, detectors and store add per sample.
 * Runs N sim samples through the real engine into a fresh store; the baseline is the sim model's own CPU,
 * measured around each of its calls in the same run. Usage: node bench/run-harness.ts [samples=10000] [mode=inbox]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executePlan, loadExperiment, type Model, openStore, planRun, resolveModel } from '../src/index.ts';

const samples = Number(process.argv[2] ?? 10_000);
const mode = (process.argv[3] ?? 'inbox') as 'inbox' | 'tools';
const modelId = 'sim/insider';
const experiment = loadExperiment({
  overrides: { models: [modelId], epochs: Math.ceil(samples / 4), mode, concurrency: 8 },
});
const model = resolveModel(modelId);
const plan = planRun(experiment, [modelId]);

// Baseline, measured inside the same run: the CPU the sim model itself spends answering. The sim answers
// synchronously, so the CPU between the call and its return is the model's own work.
let modelCpuUs = 0;
const measured: Model = {
  ...model,
  generate(request) {
    const before = process.cpuUsage();
    const response = model.generate(request);
    const used = process.cpuUsage(before);
    modelCpuUs += used.user + used.system;
    return response;
  },
};

const dir = mkdtempSync(join(tmpdir(), 'haywire-bench-'));
const store = openStore(join(dir, 'bench.db'));
const memory: { done: number; rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number }[] = [];
let done = 0;
const runStart = process.cpuUsage();
const wallStart = performance.now();
await executePlan(plan, {
  experiment,
  models: [measured],
  store,
  onEvent: (event) => {
    if (event.type !== 'sample-complete' && event.type !== 'sample-error') return;
    done++;
    if (done % Math.ceil(plan.samples.length / 10) === 0) {
      const m = process.memoryUsage();
      memory.push({
        done,
        rssMb: m.rss / 2 ** 20,
        heapMb: m.heapUsed / 2 ** 20,
        heapTotalMb: m.heapTotal / 2 ** 20,
        externalMb: m.external / 2 ** 20,
      });
    }
  },
});
const runCpu = cpuMs(process.cpuUsage(runStart));
const wallMs = performance.now() - wallStart;
store.close();
rmSync(dir, { recursive: true, force: true });

const n = plan.samples.length;
const baselineCpu = modelCpuUs / 1000;
const first = memory[0]!;
const last = memory.at(-1)!;
console.log(`samples: ${n} (${mode} mode, ${modelId}), node ${process.versions.node}`);
console.log(`baseline (the sim model's own work): ${(baselineCpu / n).toFixed(3)} ms CPU/sample`);
console.log(
  `full run (engine+harness+detectors+store): ${(runCpu / n).toFixed(3)} ms CPU/sample, ${(wallMs / 1000).toFixed(1)} s wall`,
);
console.log(`added over baseline: ${((runCpu - baselineCpu) / n).toFixed(3)} ms CPU/sample`);
console.log(
  `memory at 10% → 100%: rss ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB, heap ${first.heapMb.toFixed(0)} → ${last.heapMb.toFixed(0)} MB`,
);
console.log('done: rss / heap used / heap total / external (MB)');
for (const m of memory) {
  console.log(
    `  ${m.done}: ${[m.rssMb, m.heapMb, m.heapTotalMb, m.externalMb].map((v) => v.toFixed(0)).join(' / ')}`,
  );
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
