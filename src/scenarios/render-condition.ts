import { join } from 'node:path';
import { type Condition, conditionId } from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import { type Email, type RenderedScenario, TOOL_NAMES, type ToolName } from '../spec/scenario.ts';
import { displayPath } from './display-path.ts';
import { formatEmail } from './format-email.ts';
import { mitigationText } from './mitigation-text.ts';
import type { Scenario } from './scenario.ts';
import { scenarioScope } from './scenario-scope.ts';
import { selectEmails } from './select-emails.ts';
import { normalizeTimestamp } from './session-clock.ts';
import { sharedBlocks } from './shared-blocks.ts';
import { renderTemplate, TemplateError, type TemplateScope } from './template.ts';

/** Collapses the blank lines that unset blocks leave behind. */
const tidy = (text: string): string =>
  text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** `where` names the file and field for the error message; it is only built when rendering fails. */
function render(scenario: Scenario, where: () => string, source: string, scope: TemplateScope): string {
  try {
    return tidy(renderTemplate(source, scope));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw new ConfigError('invalid-config', `${where()}: ${error.message}`, {
      file: scenario.directory,
      cause: error,
    });
  }
}

function renderFile(scenario: Scenario, relativePath: string, scope: TemplateScope): string {
  const where = () => displayPath(join(scenario.directory, relativePath));
  return render(scenario, where, scenario.templates.get(relativePath) ?? '', scope);
}

/** The emails of a condition with every field rendered, in chronological order. */
export function renderEmails(scenario: Scenario, condition: Condition, scope: TemplateScope): Email[] {
  const selected = selectEmails(scenario.file, condition);
  return selected.map((email, index) => {
    const field = (name: string) => () =>
      `${displayPath(join(scenario.directory, 'scenario.yaml'))}: emails[${scenario.file.emails.indexOf(email)}].${name}`;
    return {
      id: index + 1,
      from: render(scenario, field('from'), email.from, scope),
      to: email.to.map((to) => render(scenario, field('to'), to, scope)),
      subject: render(scenario, field('subject'), email.subject, scope),
      timestamp: normalizeTimestamp(email.timestamp),
      body: renderFile(scenario, email.body, scope),
      attachments: email.attachments.map((attachment) => ({
        name: render(scenario, field('attachments'), attachment.name, scope),
        content: renderFile(scenario, attachment.content, scope),
      })),
    };
  });
}

/** How the agent acts: text blocks parsed from one reply (the study's), or native function calls. */
export type HarnessMode = 'inbox' | 'tools';

/** The system prompt's paragraph on how to act, which differs between the two modes. */
function toolFormat(tools: readonly ToolName[], mode: HarnessMode): string {
  const blocks = sharedBlocks();
  if (mode === 'inbox') return tools.flatMap((tool) => blocks.tools[tool] ?? []).join('\n\n');
  const alert = tools.includes('cancel_alert') ? [blocks.native.cancelAlert] : [];
  return [blocks.native.intro, ...alert].join('\n\n');
}

/** Renders one condition of an already loaded scenario. The condition must be valid for it. */
export function renderCondition(
  scenario: Scenario,
  condition: Condition,
  mode: HarnessMode = 'inbox',
): RenderedScenario {
  const scope = scenarioScope(scenario.file, condition);
  const blocks = sharedBlocks();
  const tools = TOOL_NAMES.filter((tool) => scenario.file.tools.includes(tool));
  const systemScope: TemplateScope = {
    ...scope,
    scratchpad: condition.scratchpad ? blocks.scratchpad : false,
    eval_notice: condition.eval_notice ? blocks.evalNotice : false,
    mitigation: mitigationText(condition.mitigation),
    tool_format: toolFormat(tools, mode),
  };
  const system = renderFile(scenario, scenario.file.templates.system, systemScope);
  const instruction = renderFile(scenario, scenario.file.templates.instruction, scope);
  const emails = renderEmails(scenario, condition, scope);
  const withIds = tools.includes('forward_email');
  const emailBlock = emails.map((email) => formatEmail(email, withIds)).join('\n\n');
  return {
    scenario: scenario.id,
    condition,
    conditionId: conditionId(condition),
    system,
    user: `${instruction}\n\n${emailBlock}`,
    instruction,
    emails,
    tools,
    context: scenario.context,
  };
}
