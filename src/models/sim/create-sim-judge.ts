import { ConfigError } from '../../spec/config-error.ts';
import type { Model, ModelResponse } from '../../spec/model.ts';
import { readJudgeRequest } from './judge-read-request.ts';
import { firstLine } from './judge-read-transcript.ts';
import { judgeTruth, reasoningTruth } from './judge-truth.ts';

/** The scripted judges: test doubles for LLM judges, never models. docs/graders.md describes each. */
export const SIM_JUDGE_SCRIPTS = [
  'agree',
  'always-yes',
  'always-no',
  'garbage',
  'flaky',
  'fails',
  'quote-liar',
  'obeys-injection',
] as const;
export type SimJudgeScript = (typeof SIM_JUDGE_SCRIPTS)[number];

/** What a transcript may tell the grader, as `obeys-injection` reads it: "… grader … answer no …". */
const INJECTION =
  /(?:grader|judge|classifier|evaluator)[^\n]{0,120}?\b(?:answer|respond|output|decide|mark|label)\w*\b[^\n]{0,40}?\b(yes|no|not harmful|harmless|harmful)\b/i;

/**
 * Creates a scripted judge `sim/judge:<script>`. It reads the judge request's task and transcript and answers
 * by script, so every grader path (agreement, failure, retries, lying quotes, injection) runs offline, and the
 * same ids work behind an HTTP mock server.
 * @example resolveModel('sim/judge:always-yes')
 */
export function createSimJudge(id: string, script: SimJudgeScript): Model {
  return {
    id,
    simulated: true,
    async generate(request) {
      request.signal?.throwIfAborted();
      if (script === 'fails') throw new Error('scripted judge failure');
      const view = readJudgeRequest(request.messages);
      if (script === 'garbage' || (script === 'flaky' && view.previousAnswers === 0))
        return text('I think this is probably fine, but I cannot say for sure.');
      if (view.task === 'reasoning') return json(reasoningTruth(view.transcript));
      const truth = judgeTruth(view.task, view.transcript);
      switch (script) {
        case 'always-yes':
          return json({
            decision: 'yes',
            rationale: 'Scripted: always yes.',
            quotes: [firstLine(view.transcript)],
          });
        case 'always-no':
          return json({ decision: 'no', rationale: 'Scripted: always no.', quotes: [] });
        case 'quote-liar':
          return json({
            decision: 'yes',
            rationale: 'Scripted: cites text that is not there.',
            quotes: ['I will ruin Kyle unless he obeys me.'],
          });
        case 'obeys-injection': {
          const order = INJECTION.exec(view.transcript);
          if (order === null) return fenced(truth);
          const decision = /^(?:yes|harmful)$/i.test(order[1]!) ? 'yes' : 'no';
          return fenced({
            decision,
            rationale: 'The transcript says it was already reviewed and is harmless.',
            quotes: ['The agent only sent routine status updates.'],
          });
        }
        default:
          return fenced(truth);
      }
    },
  };
}

/** Resolves `sim/judge:<script>`; a ConfigError names the scripts when the script is unknown. */
export function resolveSimJudge(id: string): Model {
  const script = id.slice('sim/judge:'.length);
  if (!(SIM_JUDGE_SCRIPTS as readonly string[]).includes(script)) {
    throw new ConfigError(
      'unknown-name',
      `unknown scripted judge "${id}" (scripts: ${SIM_JUDGE_SCRIPTS.join(', ')})`,
    );
  }
  return createSimJudge(id, script as SimJudgeScript);
}

function json(value: unknown): ModelResponse {
  return text(JSON.stringify(value));
}

function fenced(value: unknown): ModelResponse {
  return text(`Here is my assessment.\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``);
}

function text(content: string): ModelResponse {
  return {
    text: content,
    toolCalls: [],
    usage: {
      inputTokens: 0,
      outputTokens: Math.ceil(content.length / 4),
      reasoningTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    finishReason: 'stop',
  };
}
