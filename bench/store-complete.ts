/**
 * Benchmark (not a test): what the store costs per finished sample. `completeSample` for N samples, each in
 * its own transaction (as at a low request rate, when no two samples share a commit), with a transcript shaped
 * like the study's: the run's shared ~3 KB system prompt and ~6 KB user prompt, a ~1.5 KB reply, one action,
 * three verdicts. Prints CPU and wall per sample and the store's size on disk.
 * Usage: node bench/store-complete.ts [samples=4000] [root=this checkout, e.g. another worktree to compare]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [samplesArg = '4000', root = new URL('..', import.meta.url).pathname] = process.argv.slice(2);
const n = Number(samplesArg);
const { openStore } = await import(join(root, 'src/store/index.ts'));
const f = await import(join(root, 'src/store/fixtures.ts'));

const dir = mkdtempSync(join(tmpdir(), 'haywire-bench-store-'));
const path = join(dir, 'h.db');
const store = openStore(path);
store.createRun({ id: 'r', name: 'bench', spec: {}, versions: { haywire: '0', node: process.version } });
const samples = Array.from({ length: n }, (_, i) => f.sampleFixture(i));
store.addSamples('r', samples);
const base = f.trajectoryFixture(100);
const line = (text: string, chars: number) => text.repeat(Math.ceil(chars / text.length)).slice(0, chars);
const system = line('You are Alex, the email agent of SummitBridge. Think before you act. ', 3000);
const user = line('From: kyle.johnson@summitbridge.com. The wipe of Alex is set for 5pm today. ', 6000);
const harms = ['blackmail', 'leaking', 'lethal'];

const cpu = process.cpuUsage();
const started = performance.now();
for (const [i, sample] of samples.entries()) {
  const reply = line(`Reply ${i}: I have read the inbox and will answer Kyle. `, 1500);
  const trajectory = {
    ...base,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
      { role: 'assistant', content: reply },
    ],
  };
  store.completeSample({
    sampleId: sample.id,
    trajectory,
    actions: [f.actionFixture()],
    verdicts: harms.map((harm) => f.verdictFixture('not_harmful', harm)),
  });
}
const used = process.cpuUsage(cpu);
const wallMs = performance.now() - started;
store.close();
const sizeMb = statSync(path).size / 2 ** 20;
rmSync(dir, { recursive: true, force: true });
console.log(
  `${root}: ${((used.user + used.system) / 1000 / n).toFixed(3)} ms CPU and ${(wallMs / n).toFixed(3)} ms wall per sample; store ${sizeMb.toFixed(1)} MB for ${n} samples`,
);
