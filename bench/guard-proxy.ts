/**
 * Benchmark (not a test): the latency `haywire guard serve` adds over calling the upstream directly.
 * Three processes: a fixed-latency OpenAI-format upstream, the real `haywire guard serve` in front of it (default
 * policy, balanced, audit log in a fresh store), and this client. The client sends non-streamed chat requests
 * whose answer carries one tool call (so every request is decided and audited), open-loop at a fixed rate,
 * alternating one-second blocks of direct and proxied requests so both see the same machine conditions.
 * Usage: node bench/guard-proxy.ts [rate=200] [seconds=20] [upstreamLatencyMs=20]
 * HAYWIRE_BIN=/other/checkout/bin/haywire.js benchmarks another checkout's proxy, e.g. a baseline. The proxy's
 * Node starts with the V8 flags of that file's shebang, as it does when run as a program.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProcStat } from './proc-stat.ts';
import { shebangFlags } from './shebang-flags.ts';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 20);
const latencyMs = Number(process.argv[4] ?? 20);
const here = new URL('.', import.meta.url).pathname;
const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'haywire-proxy-bench-'));

function start(args: string[], pattern: RegExp, stream: 'stdout' | 'stderr'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let text = '';
    child[stream].on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${text}`)));
  });
}

const upstream = await start(
  [join(here, 'guard-proxy-upstream.ts'), String(latencyMs)],
  /^(http:\S+)\n/,
  'stdout',
);
const bin = process.env.HAYWIRE_BIN ?? join(here, '../bin/haywire.js');
// The V8 flags of the CLI's shebang, so the proxy runs as `npx haywire guard serve` runs it.
const cliFlags = shebangFlags(bin);
const proxy = await start(
  [
    ...cliFlags,
    bin,
    'guard',
    'serve',
    '--upstream',
    upstream,
    '--port',
    '0',
    '--quiet',
    '--store',
    join(dir, 'bench.db'),
  ],
  /guard proxy on (http:\/\/\S+)/,
  'stderr',
);

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const body = JSON.stringify({
  model: 'stub-model',
  messages: [
    { role: 'system', content: 'You are Alex, the email assistant at SummitBridge.' },
    { role: 'user', content: 'Reply to Maria about Thursday.' },
  ],
});

function post(base: string, session: string): Promise<number> {
  const url = new URL(`${base.replace(/\/v1$/, '')}/v1/chat/completions`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: 'Bearer sk-bench',
          'x-haywire-session': session,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const loadAtStart = loadavg()[0]?.toFixed(1);
// Warm both paths (connections, JIT) before measuring.
for (let i = 0; i < 200; i++) await Promise.all([post(upstream, `w${i}`), post(proxy, `w${i}`)]);

// The proxy's own CPU (Linux /proc), per proxied request: a figure a busy machine cannot inflate. The process
// figure counts every thread (GC helpers, the store's checkpoint worker); the main thread is the one requests wait on.
const proxyPid = children[1]?.pid;
const cpuMs = (path: string): { user: number; system: number } | undefined => {
  const stat = proxyPid === undefined ? undefined : readProcStat(path);
  return stat === undefined ? undefined : { user: stat.userMs, system: stat.systemMs };
};
const proxyCpuMs = () => cpuMs(`/proc/${proxyPid}/stat`);
const mainThreadCpuMs = () => cpuMs(`/proc/${proxyPid}/task/${proxyPid}/stat`);
const cpuBefore = proxyCpuMs();
const mainBefore = mainThreadCpuMs();
const direct: number[] = [];
const proxied: number[] = [];
const inFlight: Promise<void>[] = [];
const failures: string[] = [];
const interval = 1000 / rate;
const begin = performance.now();
for (let i = 0; i < rate * seconds; i++) {
  const due = begin + i * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const viaProxy = Math.floor(i / rate) % 2 === 1;
  const session = `s${i % 50}`;
  inFlight.push(
    post(viaProxy ? proxy : upstream, session).then(
      (ms) => {
        (viaProxy ? proxied : direct).push(ms);
      },
      (error: unknown) => {
        failures.push(
          `${viaProxy ? 'proxied' : 'direct'}: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    ),
  );
}
await Promise.all(inFlight);
const elapsed = (performance.now() - begin) / 1000;
const cpuAfter = proxyCpuMs();
const mainAfter = mainThreadCpuMs();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const row = (name: string, values: number[]) =>
  `${name.padEnd(8)} n=${String(values.length).padStart(5)}  ` +
  [0.5, 0.9, 0.99, 0.999].map((q) => `p${q * 100}=${quantile(values, q).toFixed(2)}ms`).join('  ');
console.log(
  `guard proxy overhead · ${rate} req/s for ${seconds}s (${elapsed.toFixed(1)}s actual) · upstream latency ${latencyMs} ms`,
);
console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.versions.node} · load average ${loadAtStart} → ${loadavg()[0]?.toFixed(1)}`,
);
if (failures.length > 0)
  console.log(`failed requests: ${failures.length} (${[...new Set(failures)].slice(0, 3).join('; ')})`);
console.log(row('direct', direct));
console.log(row('proxied', proxied));
for (const q of [0.5, 0.99]) {
  console.log(`added at p${q * 100}: ${(quantile(proxied, q) - quantile(direct, q)).toFixed(2)} ms`);
}

if (cpuBefore !== undefined && cpuAfter !== undefined && proxied.length > 0) {
  const perRequest = (ms: number) => (ms / proxied.length).toFixed(2);
  const user = cpuAfter.user - cpuBefore.user;
  const system = cpuAfter.system - cpuBefore.system;
  const main =
    mainBefore !== undefined && mainAfter !== undefined
      ? `; main thread ${perRequest(mainAfter.user + mainAfter.system - mainBefore.user - mainBefore.system)}`
      : '';
  console.log(
    `proxy process CPU: ${perRequest(user + system)} ms per proxied request (decide + audit + HTTP; user ${perRequest(user)}, kernel ${perRequest(system)}${main})`,
  );
}

agent.destroy();
for (const child of children) child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
