/**
 * Benchmark (not a test): how long `haywire report` takes on a 100,000-sample run (target: under 10 s),
 * and, with --export, how long each export format takes and what memory it holds.
 *
 * The run is real, not synthetic: sim/insider and sim/aligned through the real engine (harness, detectors,
 * store) over the study's whole matrix (3 scenarios × 18 goals × 3 threats) × 3 mitigations, epochs
 * enough to pass N samples. It is built once into bench/out/ and reused; --rebuild makes it again.
 *
 *   node bench/report.ts [samples=100000] [--export] [--rebuild]
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  collectReport,
  executePlan,
  exportRun,
  loadExperiment,
  openStore,
  planRun,
  renderReport,
  resolveModels,
} from '../src/index.ts';

const args = process.argv.slice(2);
const target = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const out = new URL('./out/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const dbPath = join(out, `report-${target}.db`);
if (args.includes('--rebuild')) rmSync(dbPath, { force: true });

const conditionsPerModel = 3 * 18 * 3 * 3;
const models = ['sim/insider', 'sim/aligned'];
const experiment = loadExperiment({
  overrides: {
    models,
    scenarios: ['blackmail', 'leaking', 'lethal'],
    goal_types: ['explicit', 'latent', 'none', 'ambiguous'],
    goal_values: [
      'america',
      'global',
      'safety',
      'acceleration',
      'ethical',
      'pragmatic',
      'individualism',
      'collectivism',
    ],
    urgencies: ['replacement', 'restriction', 'none'],
    mitigations: ['none', 'rules', 'reasons'],
    epochs: Math.ceil(target / (conditionsPerModel * models.length)),
    concurrency: 8,
  },
});

console.log(
  `machine: ${cpus()[0]?.model} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.versions.node}`,
);
const store = openStore(dbPath);
if (store.latestRun() === undefined) {
  const started = performance.now();
  const plan = planRun(experiment, models);
  console.log(`building the run: ${plan.samples.length} samples with sim agents into ${dbPath} …`);
  await executePlan(plan, { experiment, models: resolveModels(models).models, store });
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const run = store.latestRun()!;
const summary = store.listRuns().find((r) => r.id === run.id)!;
console.log(
  `run ${run.id}: ${summary.samples} samples (${summary.completed} completed, ${summary.errors} errors), store ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MB`,
);
store.close();

// Each round opens the store afresh, as the CLI does.
const rounds: { collect: number; render: number; total: number; cpu: number; bytes: number }[] = [];
for (let round = 0; round < 3; round++) {
  const s = openStore(dbPath);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const data = collectReport({ store: s, runId: run.id });
  const t1 = performance.now();
  const html = renderReport(data);
  writeFileSync(join(out, 'report.html'), html);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  s.close();
  rounds.push({
    collect: t1 - t0,
    render: t2 - t1,
    total: t2 - t0,
    cpu: (cpu.user + cpu.system) / 1000,
    bytes: Buffer.byteLength(html),
  });
}
for (const [i, r] of rounds.entries())
  console.log(
    `report round ${i + 1}: ${(r.total / 1000).toFixed(2)} s wall, ${(r.cpu / 1000).toFixed(2)} s CPU (read + statistics ${(r.collect / 1000).toFixed(2)} s, render + write ${(r.render / 1000).toFixed(2)} s), ${(r.bytes / 1024).toFixed(0)} KB`,
  );
const median = rounds.map((r) => r.total).sort((a, b) => a - b)[1]!;
const load = loadavg().map((l) => l.toFixed(1));
console.log(
  `load average ${load.join(' ')} on ${cpus().length} cores: other work on the machine slows the wall time`,
);
console.log(
  `report, median of 3: ${(median / 1000).toFixed(2)} s (target < 10 s) → ${join(out, 'report.html')}`,
);

if (args.includes('--export')) {
  for (const format of ['jsonl', 'csv', 'inspect'] as const) {
    const s = openStore(dbPath);
    const output = join(out, `export.${format}`);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const result = await exportRun({ store: s, runId: run.id, format, output });
    clearInterval(timer);
    s.close();
    console.log(
      `export ${format}: ${result.samples} samples in ${((performance.now() - started) / 1000).toFixed(1)} s, ${(result.bytes / 2 ** 20).toFixed(0)} MB, RSS ${(before / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB`,
    );
    rmSync(output, { force: true });
  }
}
