import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from './load-experiment.ts';
import { planRun } from './plan-run.ts';

function experimentFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'haywire-experiment-')), 'exp.yaml');
  writeFileSync(file, yaml);
  return file;
}

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadExperiment blames the source of a bad value', () => {
  const overrideNames = { epochs: '--epochs', mode: '--mode', goal_types: '--goal-type' };

  it('names the flag, not the file, for a flag value', () => {
    const file = experimentFile('models: [sim/insider]\n');
    const message = messageOf(() => loadExperiment({ file, overrides: { epochs: 1e9 }, overrideNames }));
    expect(message).toBe('--epochs: Too big: expected number to be <=100000, got 1000000000');
  });

  it('names the flag without a file, with the element of a list that is wrong', () => {
    const message = messageOf(() =>
      loadExperiment({ overrides: { mode: 'bogus', goal_types: ['none', 'sneaky'] }, overrideNames }),
    );
    expect(message).toMatch(/^--goal-type: Invalid option: .*, got "sneaky"; --mode: .*, got "bogus"$/);
  });

  it('names the file and the field for a value in the file, beside a flag', () => {
    const file = experimentFile('epochs: 0\nmode: bogus\n');
    const message = messageOf(() => loadExperiment({ file, overrides: { epochs: 1e9 }, overrideNames }));
    expect(message).toMatch(/^--epochs: Too big.*; .*exp\.yaml: mode: Invalid option/);
    expect(message).not.toMatch(/exp\.yaml: epochs/);
  });

  it('refuses a negative or fractional seed in the file, as --seed does', () => {
    expect(messageOf(() => loadExperiment({ file: experimentFile('seed: -1\n') }))).toMatch(
      /exp\.yaml: seed: Too small: expected number to be >=0/,
    );
    expect(messageOf(() => loadExperiment({ file: experimentFile('seed: 1.5\n') }))).toMatch(
      /exp\.yaml: seed: Invalid input: expected int/,
    );
    expect(loadExperiment({ file: experimentFile('seed: 7\n') }).seed).toBe(7);
  });

  it('lets a flag replace a bad value in the file', () => {
    const file = experimentFile('epochs: 0\n');
    expect(loadExperiment({ file, overrides: { epochs: 2 }, overrideNames }).epochs).toBe(2);
  });

  it('does not blame the file for an override the library was given without a name', () => {
    const file = experimentFile('models: [sim/insider]\n');
    expect(messageOf(() => loadExperiment({ file, overrides: { epochs: 0 } }))).toMatch(
      /^experiment: epochs: Too small/,
    );
  });
});

describe('loadExperiment reads relative paths in the file from its folder', () => {
  it('rewrites relative scenario folders, mitigation files and llamacpp/ model files, and leaves names and absolute paths', () => {
    const file = experimentFile(
      [
        'scenarios: [blackmail, murder, ./phish, mine, phishing]',
        'mitigations: [none, rules, mine.md, ../up.md, sub/deep.md, /abs/rules.md]',
        'models: [sim/insider, llamacpp/models/tiny.gguf, llamacpp//abs/tiny.gguf]',
      ].join('\n'),
    );
    const folder = dirname(file);
    mkdirSync(join(folder, 'mine'));
    const fromHere = (path: string) => relative(process.cwd(), join(folder, path));
    const experiment = loadExperiment({ file });
    expect(experiment.scenarios).toEqual([
      'blackmail',
      'murder',
      fromHere('phish'),
      fromHere('mine'),
      'phishing',
    ]);
    expect(experiment.mitigations).toEqual([
      'none',
      'rules',
      fromHere('mine.md'),
      fromHere('../up.md'),
      fromHere('sub/deep.md'),
      '/abs/rules.md',
    ]);
    expect(experiment.models).toEqual([
      'sim/insider',
      `llamacpp/${fromHere('models/tiny.gguf')}`,
      'llamacpp//abs/tiny.gguf',
    ]);
  });

  it('leaves command-line paths relative to the working directory', () => {
    const file = experimentFile('mitigations: [mine.md]\n');
    const experiment = loadExperiment({ file, overrides: { mitigations: ['mine.md'] } });
    expect(experiment.mitigations).toEqual(['mine.md']);
  });

  it('keeps the run id of an experiment without relative paths', () => {
    const fields = { models: ['sim/insider'], scenarios: ['lethal'], mitigations: ['rules'], epochs: 2 };
    const file = experimentFile(JSON.stringify(fields));
    const ids = [loadExperiment({ file }), loadExperiment({ overrides: fields })].map(
      (experiment) => planRun(experiment, experiment.models).runId,
    );
    expect(ids[0]).toBe(ids[1]);
  });
});

describe('loadExperiment refuses an empty file', () => {
  for (const [name, yaml] of [
    ['an empty file', ''],
    ['a file of comments', '# to do\n\n'],
    ['a null document', '~\n'],
  ]) {
    it(`refuses ${name}, which would have run the default experiment`, () => {
      const file = experimentFile(yaml!);
      expect(messageOf(() => loadExperiment({ file }))).toMatch(/exp\.yaml: the experiment file is empty/);
    });
  }

  it('takes an empty mapping, written on purpose, as the defaults', () => {
    expect(loadExperiment({ file: experimentFile('{}\n') }).epochs).toBe(10);
  });
});
