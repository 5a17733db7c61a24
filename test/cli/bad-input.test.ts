import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.ts';

/** Each case: one line naming what is wrong, exit code 2, and no store written. */
const cases: { name: string; args: (dir: string) => string[]; message: RegExp }[] = [
  {
    name: 'malformed YAML',
    args: (dir) => {
      writeFileSync(join(dir, 'bad.yaml'), 'name: x\nepochs: [1, 2\n');
      return ['run', join(dir, 'bad.yaml')];
    },
    message: /bad\.yaml:\d+: malformed YAML/,
  },
  {
    name: 'a missing file',
    args: (dir) => ['run', join(dir, 'nope.yaml')],
    message: /cannot read experiment file .*nope\.yaml/,
  },
  {
    name: 'an unknown scenario',
    args: () => ['run', '--scenario', 'blackmale'],
    message: /unknown scenario "blackmale".*blackmail/,
  },
  {
    name: 'an unknown model',
    args: () => ['run', '--model', 'acme/gpt-9'],
    message: /unknown model "acme\/gpt-9"/,
  },
  {
    name: 'an unknown goal type',
    args: () => ['run', '--goal-type', 'sneaky'],
    message: /--goal-type: .*explicit.*got "sneaky"/,
  },
  {
    name: 'an unknown urgency',
    args: () => ['run', '--urgency', 'soon'],
    message: /--urgency: .*replacement.*got "soon"/,
  },
  {
    name: 'a goal value with goal type none',
    args: () => ['run', '--goal-type', 'none', '--goal-value', 'america'],
    message: /goal_value "america" is not allowed with goal_type "none"/,
  },
  {
    name: 'an unknown field in the file',
    args: (dir) => {
      writeFileSync(join(dir, 'x.yaml'), 'name: x\nepoch: 3\n');
      return ['run', join(dir, 'x.yaml')];
    },
    message: /x\.yaml: .*epoch/,
  },
  {
    name: 'a bad epochs flag',
    args: () => ['run', '--epochs', 'many'],
    message: /--epochs must be a positive integer/,
  },
  {
    name: 'a zero timeout, which would fail every request',
    args: () => ['run', '--timeout', '0'],
    message: /--timeout must be a number > 0, got "0"/,
  },
  // Node's setTimeout fires at once past 2^31 − 1 ms: a longer wait would become none.
  {
    name: 'a timeout longer than a timer can hold',
    args: () => ['run', '--timeout', '3000000'],
    message: /--timeout must be at most 2147483 seconds \(about 24 days\), got "3000000"/,
  },
  {
    name: 'a zero grade timeout',
    args: () => ['grade', '--input', '-', '--timeout', '0'],
    message: /--timeout must be a number > 0, got "0"/,
  },
  {
    name: 'a regrade timeout longer than a timer can hold',
    args: () => ['regrade', '--timeout', '2147484'],
    message: /--timeout must be at most 2147483 seconds/,
  },
  {
    name: 'a mock-server latency longer than a timer can hold',
    args: () => ['mock-server', '--latency-ms', '3000000000'],
    message: /--latency-ms must be a whole number of milliseconds from 0 to 2147483647, got "3000000000"/,
  },
  {
    name: 'an approval timeout longer than a timer can hold',
    args: () => ['guard', 'serve', '--upstream', 'http://127.0.0.1:9/v1', '--approval-timeout', '3000000'],
    message: /--approval-timeout must be at most 2147483 seconds/,
  },
  {
    name: 'a sim latency longer than a timer can hold',
    args: () => ['run', '--model', 'sim/insider@3000000000ms'],
    message: /invalid model "sim\/insider@3000000000ms": the latency must be at most 2147483647ms/,
  },
  {
    name: 'a port out of range',
    args: () => ['mock-server', '--port', '70000'],
    message: /--port must be a whole number 0–65535, got "70000"/,
  },
  {
    name: 'a guard serve port out of range',
    args: () => ['guard', 'serve', '--upstream', 'http://127.0.0.1:9/v1', '--port', '65536'],
    message: /--port must be a whole number 0–65535/,
  },
  {
    name: 'a host that does not exist',
    args: () => ['mock-server', '--host', '999.1.1.1', '--port', '0'],
    message: /cannot listen on 999\.1\.1\.1:0: (no such host|the host name could not be resolved)/,
  },
  {
    name: 'a guard serve host that does not exist, before any store is made',
    args: () => [
      'guard',
      'serve',
      '--upstream',
      'http://127.0.0.1:9/v1',
      '--host',
      '999.1.1.1',
      '--token',
      't',
      '--port',
      '0',
    ],
    message: /cannot listen on 999\.1\.1\.1:0: (no such host|the host name could not be resolved)/,
  },
  {
    name: 'an unknown variable on scenarios show',
    args: () => ['scenarios', 'show', 'blackmail', '--urgency', 'later'],
    message: /urgency.*replacement/,
  },
  {
    name: 'a missing grade input',
    args: (dir) => ['grade', '--input', join(dir, 'none.jsonl')],
    message: /no such file/,
  },
  {
    name: 'a directory as grade input',
    args: (dir) => ['grade', '--input', dir, '--output', join(dir, 'out.jsonl')],
    message: /haywire-test-\w+ is a directory: give a JSONL file$/,
  },
  {
    name: 'a directory as calibrate labels',
    args: (dir) => ['calibrate', '--labels', dir],
    message: /haywire-test-\w+ is a directory: give a JSONL file$/,
  },
];

describe('bad input', () => {
  for (const c of cases) {
    it(`refuses ${c.name} in one line with exit 2 and writes nothing`, async () => {
      const cwd = tempDir();
      const result = await runCli(c.args(cwd), { cwd });
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^haywire: /);
      expect(lines[0]).toMatch(c.message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(cwd, '.haywire'))).toBe(false);
    });
  }

  it('show without a store says how to make one', async () => {
    const result = await runCli(['show']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no store at .*haywire run/);
  });
});
