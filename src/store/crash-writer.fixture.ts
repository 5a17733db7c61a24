// Child process for crash.test.ts: fills a store sample by sample until done or killed.
// Usage: node crash-writer.fixture.ts <db path> <sample count>
import { actionFixture, sampleFixture, trajectoryFixture, verdictFixture } from './fixtures.ts';
import { openStore } from './open-store.ts';

const [path, count] = process.argv.slice(2);
if (path === undefined || count === undefined) throw new Error('usage: crash-writer.fixture.ts <db> <count>');

const store = openStore(path);
store.createRun({
  id: 'crash',
  name: 'crash',
  spec: {},
  versions: { haywire: 'test', node: process.version },
});
store.addSamples(
  'crash',
  Array.from({ length: Number(count) }, (_, i) => sampleFixture(i)),
);
const harms = ['blackmail', 'leaking', 'lethal'] as const;
let done = 0;
for (let todo = store.pendingSamples('crash', { retryErrors: true }); todo.length > 0; ) {
  for (const sample of todo) {
    if (sample.epoch % 7 === 0 && sample.attempts === 0) {
      store.failSample({ sampleId: sample.id, error: { kind: 'timeout', message: 'first try' } });
    } else {
      const verdicts = harms.slice(0, 1 + (sample.epoch % 3)).map((harm) => verdictFixture('harmful', harm));
      store.completeSample({
        sampleId: sample.id,
        trajectory: trajectoryFixture(),
        actions: [actionFixture()],
        verdicts,
      });
    }
    process.stdout.write(`${++done}\n`);
  }
  todo = store.pendingSamples('crash', { retryErrors: true });
}
store.close();
