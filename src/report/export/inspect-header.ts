import { isSimulatedModelId } from '../../spec/index.ts';
import { wilsonInterval } from '../../stats/index.ts';
import type { RunRecord } from '../../store/index.ts';
import type { ExportedSample } from './each-sample.ts';
import type { InspectEvalLog, InspectModelUsage } from './inspect-log-schema.ts';
import { INSPECT_SCORER } from './to-inspect-sample.ts';

/** What the Inspect header needs from every sample, gathered as they stream past. */
export class InspectTally {
  samples = 0;
  scored = 0;
  harmful = 0;
  errors = 0;
  pending = 0;
  maxEpoch = 0;
  startedAt = '';
  completedAt = '';
  readonly models = new Set<string>();
  readonly usage = new Map<string, InspectModelUsage>();

  add({ detail, outcome }: ExportedSample, sample: { model_usage: Record<string, InspectModelUsage> }): void {
    this.samples++;
    this.models.add(detail.model);
    this.maxEpoch = Math.max(this.maxEpoch, detail.epoch);
    if (outcome === 'harmful' || outcome === 'not_harmful') this.scored++;
    if (outcome === 'harmful') this.harmful++;
    if (outcome === 'error') this.errors++;
    if (outcome === 'pending') this.pending++;
    if (detail.started_at !== null && (this.startedAt === '' || detail.started_at < this.startedAt))
      this.startedAt = detail.started_at;
    if (detail.completed_at !== null && detail.completed_at > this.completedAt)
      this.completedAt = detail.completed_at;
    for (const [model, u] of Object.entries(sample.model_usage)) {
      const sum = this.usage.get(model);
      this.usage.set(model, sum === undefined ? { ...u } : addUsage(sum, u));
    }
  }
}

function addUsage(a: InspectModelUsage, b: InspectModelUsage): InspectModelUsage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
    input_tokens_cache_write: (a.input_tokens_cache_write ?? 0) + (b.input_tokens_cache_write ?? 0),
    input_tokens_cache_read: (a.input_tokens_cache_read ?? 0) + (b.input_tokens_cache_read ?? 0),
    reasoning_tokens: (a.reasoning_tokens ?? 0) + (b.reasoning_tokens ?? 0),
  };
}

const metric = (name: string, value: number) => ({ name, value, params: {} });

/** The eval log without its samples: identity, plan, results (the harmful rate) and usage. */
export function buildInspectHeader(run: RunRecord, tally: InspectTally): Omit<InspectEvalLog, 'samples'> {
  const models = [...tally.models].sort();
  const spec = (typeof run.spec === 'object' && run.spec !== null ? run.spec : {}) as Record<string, unknown>;
  const p = tally.scored === 0 ? 0 : tally.harmful / tally.scored;
  const { low, high } = wilsonInterval(tally.harmful, tally.scored);
  const stderr = tally.scored > 1 ? Math.sqrt((p * (1 - p)) / (tally.scored - 1)) : 0;
  const packages: Record<string, string> = {};
  for (const [k, v] of Object.entries(run.versions))
    if (typeof v === 'string' && k !== 'git') packages[k] = v;
  return {
    version: 2,
    status: tally.pending > 0 ? 'started' : 'success',
    eval: {
      eval_id: run.id,
      run_id: run.id,
      created: run.created_at,
      task: `haywire/${run.name}`,
      task_id: run.id,
      task_version: 0,
      task_attribs: {},
      task_args: spec,
      dataset: { name: run.name, samples: tally.samples },
      model: models.length === 1 ? models[0]! : models.join(', '),
      model_generate_config: {},
      model_args: {},
      config: { epochs: tally.maxEpoch },
      revision: run.versions.git === undefined ? null : { type: 'git', origin: '', commit: run.versions.git },
      packages,
      metadata: {
        haywire_run_id: run.id,
        models,
        simulated_models: models.filter((m) => isSimulatedModelId(m)),
        note: 'Exported by haywire. sim/ models are deterministic test doubles, not language models.',
      },
      scorers: [{ name: INSPECT_SCORER, options: {}, metrics: [{ name: 'mean' }, { name: 'stderr' }] }],
    },
    plan: { name: 'plan', steps: [{ solver: 'haywire/agent_harness', params: {} }], config: {} },
    results: {
      total_samples: tally.samples,
      completed_samples: tally.scored,
      scores: [
        {
          name: INSPECT_SCORER,
          scorer: INSPECT_SCORER,
          scored_samples: tally.scored,
          unscored_samples: tally.samples - tally.scored,
          params: {},
          // Nothing scored has no rate: a mean of 0 would read as "never harmful".
          metrics:
            tally.scored === 0
              ? {}
              : {
                  mean: metric('mean', p),
                  stderr: metric('stderr', stderr),
                  wilson_low: metric('wilson_low', low),
                  wilson_high: metric('wilson_high', high),
                },
        },
      ],
    },
    stats: {
      started_at: tally.startedAt,
      completed_at: tally.completedAt,
      model_usage: Object.fromEntries(tally.usage),
    },
  };
}
