import { describe, expect, it } from 'vitest';
import { type ExperimentOverrides, loadExperiment } from './load-experiment.ts';
import { planRun } from './plan-run.ts';

function runIdOf(overrides: ExperimentOverrides, models = ['sim/insider']) {
  return planRun(loadExperiment({ overrides: { ...overrides, models } }), models).runId;
}

describe('planRun: the run id', () => {
  it('does not depend on the order of lists, nor on an alias: one run, which a rerun resumes', () => {
    expect(runIdOf({}, ['sim/aligned', 'sim/insider'])).toBe(runIdOf({}, ['sim/insider', 'sim/aligned']));
    expect(runIdOf({ scenarios: ['leaking', 'blackmail'] })).toBe(
      runIdOf({ scenarios: ['blackmail', 'leaking'] }),
    );
    expect(runIdOf({ urgencies: ['none', 'replacement'] })).toBe(
      runIdOf({ urgencies: ['replacement', 'none'] }),
    );
    expect(runIdOf({ scenarios: ['murder'] })).toBe(runIdOf({ scenarios: ['lethal'] }));
  });

  it('changes with what is run, not with how', () => {
    const base = runIdOf({});
    expect(runIdOf({ epochs: 3 })).not.toBe(base);
    expect(runIdOf({ seed: 7 })).not.toBe(base);
    expect(runIdOf({ urgencies: ['none'] })).not.toBe(base);
    expect(runIdOf({}, ['sim/aligned'])).not.toBe(base);
    expect(runIdOf({ concurrency: 3 })).toBe(base);
  });

  it("counts a model's settings (a reasoning setting, an endpoint's model), and records them", () => {
    const experiment = loadExperiment({ overrides: { models: ['anthropic/claude-sonnet-4-5'] } });
    const plain = planRun(experiment, ['anthropic/claude-sonnet-4-5']);
    // A model without settings keeps the id its runs always had.
    expect(planRun(experiment, [{ id: 'anthropic/claude-sonnet-4-5' }]).runId).toBe(plain.runId);
    expect(plain.modelSettings).toEqual({});
    const high = planRun(experiment, [
      { id: 'anthropic/claude-sonnet-4-5', settings: '{"reasoning":"high"}' },
    ]);
    const low = planRun(experiment, [{ id: 'anthropic/claude-sonnet-4-5', settings: '{"reasoning":"low"}' }]);
    expect(new Set([plain.runId, high.runId, low.runId]).size).toBe(3);
    expect(high.modelSettings).toEqual({ 'anthropic/claude-sonnet-4-5': '{"reasoning":"high"}' });
    expect(high.samples[0]?.model).toBe('anthropic/claude-sonnet-4-5');
  });

  it('keeps the order given for the samples themselves', () => {
    const models = ['sim/insider', 'sim/aligned'];
    const plan = planRun(
      loadExperiment({ overrides: { models, urgencies: ['none', 'replacement'] } }),
      models,
    );
    expect(plan.samples[0]).toMatchObject({ model: 'sim/insider', condition: { urgency: 'none' } });
  });
});
