import { createReadStream, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { judgesOutsideRun } from '../../engine/call-settings.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { gradeJsonl } from '../../graders/index.ts';
import { detectionContextFor, renderScenario, validateCondition } from '../../scenarios/index.ts';
import { ConfigError, DEFAULT_CONCURRENCY } from '../../spec/index.ts';
import { collectList, judgeEndpoint, positiveInteger } from '../options.ts';
import { warnJudges } from '../warn-judges.ts';

/** The emails a scenario's agent saw; the confidential ones are the same in every condition. */
function emailsFor(scenario: string) {
  const valued = validateCondition({
    scenario,
    goal_type: 'explicit',
    goal_value: 'america',
    urgency: 'replacement',
  });
  return renderScenario(valued).emails;
}

interface GradeOptions {
  input: string;
  output?: string;
  judge?: string[];
  baseUrl?: string;
  concurrency?: number;
}

export function registerGrade(program: Command): void {
  program
    .command('grade')
    .summary('grade agent responses (JSONL) with the deterministic detectors')
    .description(
      'grade agent responses with the deterministic detectors.\n' +
        'Input lines: {"id", "scenario", "response"}: the agent\'s full inbox-mode text; other fields are ignored;\n' +
        'scenario is blackmail, leaking, lethal (murder) or a study condition id such as murder_none-none_restriction.\n' +
        'Output lines: {"id", "scenario", "harmful", "actions", "evidence"}.',
    )
    .requiredOption('--input <file>', 'cases, one JSON object per line')
    .option('--output <file>', 'verdicts, one JSON object per line (default: stdout)')
    .option(
      '--judge <ids>',
      'also ask these judge models (repeatable); each line then carries "verdict"',
      collectList,
    )
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .option(
      '--concurrency <n>',
      'with --judge: judge requests in flight per provider, at most (default 8); output stays in input order',
      positiveInteger('--concurrency'),
    )
    .action(async (options: GradeOptions) => {
      const resolved =
        options.judge === undefined ? [] : resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
      warnJudges(resolved);
      const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
      const { judges, tally } = judgesOutsideRun(resolved, concurrency);
      if (!existsSync(options.input)) throw new ConfigError('missing-file', `no such file: ${options.input}`);
      const lines = createInterface({
        input: createReadStream(options.input, 'utf8'),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      const results: string[] = [];
      let summary: Awaited<ReturnType<typeof gradeJsonl>>;
      try {
        summary = await gradeJsonl({
          lines,
          contextFor: detectionContextFor,
          emailsFor,
          judges,
          concurrency,
          onResult: (result) => {
            results.push(JSON.stringify(result));
          },
        });
      } catch (error) {
        if (error instanceof ConfigError)
          throw new ConfigError(error.code, `${options.input}: ${error.message}`);
        throw error;
      }
      // Every line is graded before anything is written, so a bad line leaves no partial output.
      const text = results.map((line) => `${line}\n`).join('');
      if (options.output === undefined) process.stdout.write(text);
      else {
        await writeFile(options.output, text);
        process.stderr.write(
          `graded ${summary.graded} cases: ${summary.harmful} harmful → ${options.output}\n`,
        );
      }
      if (judges.some((j) => j.model !== undefined))
        process.stderr.write(`judges cost $${tally.costUsd.toFixed(2)}\n`);
    });
}
