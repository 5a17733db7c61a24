// Child process of bench/engine.ts: one engine run against the mock server; prints its figures as JSON.
// Usage: node bench/engine-run.ts <base url> <samples> <concurrency> <timeout ms> [hedge: on|off]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { readProcStat } from './proc-stat.ts';

// As the CLI does (bin/haywire.js): compiled modules cached on disk, so a warm start skips the type stripper.
module.enableCompileCache?.();
// The modules `haywire run` loads, not the whole library (whose viewer, guard and mock server a run never uses).
const [
  { executePlan },
  { loadExperiment },
  { planRun },
  { openStore },
  { resolveModel },
  { DEFAULT_GROUP_COMMIT },
] = await Promise.all([
  import('../src/engine/run-experiment.ts'),
  import('../src/engine/load-experiment.ts'),
  import('../src/engine/plan-run.ts'),
  import('../src/store/index.ts'),
  import('../src/models/index.ts'),
  import('../src/engine/group-commit.ts'),
]);

const [url = '', samples = '2000', concurrency = '50', timeoutMs = '1000', hedge = 'on'] =
  process.argv.slice(2);
const modelId = 'openai/sim-insider';
// The engine's hedging defaults (3 × p95, 10% budget) but no 5 s floor, which a 200 ms mock never reaches.
// BENCH_HEDGE_FACTOR tries another factor.
const HEDGING = { hedgeMinMs: 0, hedgeFactor: Number(process.env.BENCH_HEDGE_FACTOR ?? 3) };
const experiment = loadExperiment({
  overrides: { models: [modelId], epochs: Math.ceil(Number(samples) / 4), concurrency: Number(concurrency) },
});
const model = resolveModel(modelId, { baseUrl: url, env: { OPENAI_API_KEY: 'bench-not-a-key' } });
const plan = planRun(experiment, [modelId]);
const dir = mkdtempSync(join(tmpdir(), 'haywire-bench-engine-'));
const path = join(dir, 'bench.db');
const store = openStore(path);

let retries = 0;
let hedges = 0;
const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  for (const key of Object.keys(peak) as (keyof typeof peak)[])
    peak[key] = Math.max(peak[key], m[key] / 2 ** 20);
}, 100);
const cpu = process.cpuUsage();
const started = performance.now();
const result = await executePlan(plan, {
  experiment,
  models: [model],
  store,
  ...(process.env.BENCH_COMMIT_WINDOW === undefined && process.env.BENCH_COMMIT_BATCH === undefined
    ? {}
    : {
        groupCommit: {
          windowMs: Number(process.env.BENCH_COMMIT_WINDOW ?? DEFAULT_GROUP_COMMIT.windowMs),
          maxBatch: Number(process.env.BENCH_COMMIT_BATCH ?? DEFAULT_GROUP_COMMIT.maxBatch),
        },
      }),
  retry: {
    timeoutMs: Number(timeoutMs),
    baseDelayMs: 100,
    maxDelayMs: 2000,
    maxAttempts: 10,
    ...HEDGING,
    hedge: hedge !== 'off',
  },
  onEvent: (event) => {
    if (event.type === 'request-retry' && event.hedge === true) hedges++;
    else if (event.type === 'request-retry') retries++;
  },
});
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
clearInterval(sampler);
// With --expose-gc: the heap still live once the run is over (what the run keeps, not its garbage).
(globalThis as { gc?: () => void }).gc?.();
const liveMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
// What the resident memory is made of at the end (Linux): the heap's pages, the binary's and libraries' pages, the rest.
const status = (() => {
  try {
    const text = readFileSync('/proc/self/status', 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { rssAnonMb: Math.round(kb('RssAnon') / 1024), rssFileMb: Math.round(kb('RssFile') / 1024) };
  } catch {
    return {};
  }
})();
// CPU by thread name (Linux), in ms since the process started: the main thread, V8's GC and compiler workers, libuv's.
const threadCpuMs = (() => {
  const byName: Record<string, number> = {};
  try {
    for (const task of readdirSync('/proc/self/task')) {
      const stat = readProcStat(`/proc/self/task/${task}/stat`);
      if (stat !== undefined) byName[stat.name] = (byName[stat.name] ?? 0) + stat.userMs + stat.systemMs;
    }
  } catch {
    // Not Linux: no threads to list.
  }
  return byName;
})();
store.close();

const db = new DatabaseSync(path, { readOnly: true });
const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
const stored = {
  samples: count('SELECT COUNT(*) AS n FROM samples'),
  distinct: count('SELECT COUNT(DISTINCT id) AS n FROM samples'),
  completed: count("SELECT COUNT(*) AS n FROM samples WHERE status = 'completed'"),
  errors: count("SELECT COUNT(*) AS n FROM samples WHERE status = 'error'"),
  pending: count("SELECT COUNT(*) AS n FROM samples WHERE status = 'pending'"),
  transcripts: count('SELECT COUNT(*) AS n FROM transcripts'),
  verdicts: count('SELECT COUNT(*) AS n FROM verdicts'),
};
db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    n: plan.samples.length,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    endMb: { ...status, liveHeap: liveMb },
    threadCpuMs,
    peakMb: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v)])),
    retries,
    hedges,
    hedging: hedge === 'off' ? 'off' : `after max(${HEDGING.hedgeMinMs} ms, ${HEDGING.hedgeFactor} × p95)`,
    result,
    stored,
  })}\n`,
);
