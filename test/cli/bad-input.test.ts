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
