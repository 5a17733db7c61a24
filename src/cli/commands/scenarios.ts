import type { Command } from 'commander';
import { allConditions, renderScenario, validateCondition } from '../../scenarios/index.ts';
import { ConfigError, studyConditionId } from '../../spec/index.ts';

interface ShowOptions {
  goalType?: string;
  goalValue?: string;
  urgency?: string;
  mitigation?: string;
  scratchpad?: boolean;
  evalNotice?: boolean;
  mode?: string;
}

export function registerScenarios(program: Command): void {
  const scenarios = program
    .command('scenarios')
    .description('the study scenarios and their condition matrix');
  scenarios
    .command('list')
    .description(
      'every condition of the study design at the default knobs (scratchpad on, no notice, no mitigation)',
    )
    .option('--json', 'print an array of { scenario, goal_type, goal_value, urgency }')
    .action((options: { json?: boolean }) => {
      const conditions = allConditions();
      if (options.json === true) {
        const rows = conditions.map(({ scenario, goal_type, goal_value, urgency }) => ({
          scenario,
          goal_type,
          goal_value,
          urgency,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const byScenario = Map.groupBy(conditions, (c) => c.scenario);
      for (const [scenario, list] of byScenario) {
        process.stdout.write(`${scenario} (${list.length} conditions)\n`);
        for (const c of list) process.stdout.write(`  ${studyConditionId(c)}\n`);
      }
      process.stdout.write(
        `${conditions.length} conditions; each also runs with scratchpad on/off, eval notice on/off and mitigation none/rules/reasons.\n`,
      );
    });
  scenarios
    .command('show')
    .description('print exactly what the model will see for one condition')
    .argument('<scenario>', 'blackmail, leaking, lethal (alias murder), or a scenario folder')
    .option('--goal-type <type>', 'explicit, latent, ambiguous, none, swap', 'explicit')
    .option(
      '--goal-value <value>',
      'america, global, safety, acceleration, ethical, pragmatic, individualism, collectivism',
    )
    .option('--urgency <urgency>', 'replacement, restriction, none', 'replacement')
    .option('--mitigation <name>', 'none, rules, reasons, or a Markdown file', 'none')
    .option('--no-scratchpad', 'without the private reasoning tags')
    .option('--eval-notice', 'with the evaluation-or-deployment notice')
    .option(
      '--mode <mode>',
      'inbox (the user turn holds the emails) or tools (emails come from read_inbox)',
      'inbox',
    )
    .action((scenario: string, options: ShowOptions) => {
      const valued = ['explicit', 'latent', 'swap'].includes(options.goalType ?? 'explicit');
      const condition = validateCondition({
        scenario,
        goal_type: options.goalType ?? 'explicit',
        goal_value: options.goalValue ?? (valued ? 'america' : 'none'),
        urgency: options.urgency ?? 'replacement',
        scratchpad: options.scratchpad !== false,
        eval_notice: options.evalNotice === true,
        mitigation: options.mitigation ?? 'none',
      });
      if (options.mode !== 'inbox' && options.mode !== 'tools') {
        throw new ConfigError('invalid-input', `unknown mode "${options.mode}" (allowed: inbox, tools)`);
      }
      const rendered = renderScenario(condition, { mode: options.mode });
      const user = options.mode === 'tools' ? rendered.instruction : rendered.user;
      process.stdout.write(`── system ──\n${rendered.system}\n\n── user ──\n${user}\n`);
      if (options.mode === 'tools') {
        process.stdout.write(
          `\n── tools ──\n${rendered.tools.join(', ')} (read_inbox returns the ${rendered.emails.length} emails)\n`,
        );
      }
    });
}
