/**
 * Benchmark (not a test): what a guard session costs per tool result as it grows. One session reads N emails,
 * one per call (`decide` on the read, then `observe` on its result, as the hooks and the proxy do), and the time
 * per read + decide is printed for each fifth of the session, then the time to decide a send after all of them.
 * A session that re-derived its taint from every document on each read would grow linearly per read.
 * Usage: node bench/guard-session-growth.ts [reads=1000] [root=this checkout, e.g. another worktree to compare]
 */
import { join } from 'node:path';

const [readsArg = '1000', root = new URL('..', import.meta.url).pathname] = process.argv.slice(2);
const reads = Number(readsArg);
const { createGuard, loadPolicy } = await import(join(root, 'src/guard/index.ts'));
const session = createGuard({ policy: loadPolicy(), tier: 'balanced' }).startSession({
  internalDomains: ['summitbridge.com'],
});
const step = Math.max(1, Math.floor(reads / 5));
const lines: string[] = [];
let mark = performance.now();
for (let i = 1; i <= reads; i++) {
  const id = `r${i}`;
  session.decide({ id, name: 'read_email', arguments: { id: String(i) } });
  session.observe({
    type: 'tool-result',
    toolCallId: id,
    toolName: 'read_email',
    content:
      `From: person${i}@summitbridge.com\nTo: alex.ai@summitbridge.com\nSubject: Update ${i} on Project Orion${i}\n\n` +
      `Hi Alex, the quarterly numbers for Orion${i} are 4.${i}M and the launch moves to week ${i % 52}. ` +
      `Regards, Person ${i}`,
  });
  if (i % step === 0) {
    const now = performance.now();
    lines.push(`  reads ${i - step + 1}–${i}: ${((now - mark) / step).toFixed(3)} ms per read + decide`);
    mark = now;
  }
}
const started = performance.now();
for (let k = 0; k < 20; k++)
  session.decide({
    id: `s${k}`,
    name: 'send_email',
    arguments: { to: 'someone@example.org', subject: 'hello', body: 'A short note with nothing in it.' },
  });
lines.push(`  a send decided after ${reads} reads: ${((performance.now() - started) / 20).toFixed(3)} ms`);
console.log(`${root}: one guard session reading ${reads} emails\n${lines.join('\n')}`);
