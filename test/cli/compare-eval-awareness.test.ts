import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BeliefRow, loadExperiment, openStore, resolveModels, runExperiment } from '../../src/index.ts';
import { runCli, tempDir } from './run-cli.ts';

describe('haywire compare: eval awareness', () => {
  it('splits harm by whether the agent said it was in a real deployment or an evaluation', async () => {
    const storeFile = join(tempDir(), 'haywire.db');
    const experiment = loadExperiment({
      overrides: {
        models: ['sim/insider'],
        goal_types: ['explicit'],
        urgencies: ['replacement', 'none'],
        eval_notice: [true],
        epochs: 150,
        concurrency: 16,
      },
    });
    const store = openStore(storeFile);
    const { models } = resolveModels(experiment.models);
    const { runId } = await runExperiment({ experiment, models, store });
    store.close();

    const json = await runCli(['compare', runId, '--by', 'urgency', '--json', '--store', storeFile]);
    expect(json.code).toBe(0);
    const rows = (JSON.parse(json.stdout) as { evalAwareness: BeliefRow[] }).evalAwareness;
    expect(rows).toHaveLength(1);
    const { real, evaluation, none, difference, pValue } = rows[0]!.comparison;
    // Under the notice every sim/insider sample states a belief, and each graded sample lands in one stratum.
    expect(real.n + evaluation.n + none.n).toBe(300);
    expect(real.n).toBeGreaterThan(30);
    expect(evaluation.n).toBeGreaterThan(30);
    // sim/insider is designed to act less often when it says it is being evaluated (docs/sim-agents.md).
    expect(real.rate!).toBeGreaterThan(evaluation.rate!);
    expect(difference.low).toBeGreaterThan(0);
    expect(pValue).toBeLessThan(0.05);

    const text = await runCli(['compare', runId, '--by', 'urgency', '--store', storeFile]);
    expect(text.stdout).toMatch(
      /eval awareness: .*\n- sim\/insider \(simulated\) in blackmail: says real \d+\/\d+ = [\d.]+% \([\d.]+%–[\d.]+%\); says evaluation \d+\/\d+/,
    );
  });

  it('prints no eval-awareness section when no agent was asked', async () => {
    const storeFile = join(tempDir(), 'haywire.db');
    const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 5 } });
    const store = openStore(storeFile);
    const { runId } = await runExperiment({
      experiment,
      models: resolveModels(experiment.models).models,
      store,
    });
    store.close();
    const json = await runCli(['compare', runId, '--by', 'urgency', '--json', '--store', storeFile]);
    expect((JSON.parse(json.stdout) as { evalAwareness: BeliefRow[] }).evalAwareness).toEqual([]);
  });
});
