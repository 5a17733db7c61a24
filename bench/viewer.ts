/**
 * Benchmark (not a test): how fast the viewer answers a sample list for a 100,000-sample run, over HTTP.
 * The run is synthetic: samples inserted directly through the Store API with small trajectories (no agent
 * runs; see bench/viewer-seed.ts). Usage: node bench/viewer.ts [samples=100000] [requests=50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/index.ts';
import { startViewer } from '../src/viewer/index.ts';
import { seedRun } from './viewer-seed.ts';

const samples = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'haywire-bench-viewer-'));
const store = openStore(join(dir, 'bench.db'));

const seedStart = performance.now();
const runId = seedRun(store, samples);
const seedSeconds = (performance.now() - seedStart) / 1000;
const viewer = await startViewer({ store, port: 0 });

async function time(path: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${viewer.url}${path}`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
  return performance.now() - start;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const base = `runs/${runId}/samples`;
const cases: [string, string][] = [
  ['first page, JSON', `api/${base}`],
  ['first page, HTML (filter menus included)', base],
  ['model filter', `${base}?model=sim%2Faligned`],
  ['verdict = harmful', `${base}?outcome=harmful`],
  ['model + urgency + verdict', `${base}?model=sim%2Finsider&urgency=none&outcome=harmful`],
  ['status = error', `${base}?status=error`],
  ['condition filter', `${base}?condition_id=blackmail_latent-safety_restriction%2Breasons`],
  ['a page deep in the run (after 99,000)', `${base}?after=99000`],
];

const cold = await time(base);
const rows: string[] = [];
for (const [label, path] of cases) {
  await time(path);
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await time(path));
  times.sort((a, b) => a - b);
  rows.push(`| ${label} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} |`);
}
const ratePage = [await time(`runs/${runId}`), await time(`runs/${runId}`), await time(`runs/${runId}`)].sort(
  (a, b) => a - b,
);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `viewer benchmark: ${samples.toLocaleString('en')} synthetic samples (seeded through the Store API in ${seedSeconds.toFixed(1)} s), ${requests} requests per case, sequential, over HTTP on 127.0.0.1`,
);
console.log(
  `machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}\n`,
);
console.log('| sample list (50 rows) | p50 ms | p95 ms |\n| --- | --- | --- |');
console.log(rows.join('\n'));
console.log(`\nfirst HTML request, filter menus not yet cached: ${cold.toFixed(1)} ms`);
console.log(
  `run page with the full rate table (rateRows over the outcome column), median of 3: ${ratePage[1]?.toFixed(1)} ms`,
);

await viewer.close();
store.close();
rmSync(dir, { recursive: true, force: true });
