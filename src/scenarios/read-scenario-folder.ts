import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';
import { type ScenarioFile, scenarioFileSchema } from '../spec/scenario-file.ts';
import { displayPath } from './display-path.ts';
import { compileTemplate, TemplateError, templateNames } from './template.ts';

/** A scenario folder as read from disk, before its conditions are checked. */
export interface ScenarioFolder {
  readonly directory: string;
  readonly file: ScenarioFile;
  /** Template sources, keyed by their path relative to the folder. */
  readonly templates: ReadonlyMap<string, string>;
}

/** Names the system template must place, so that every knob changes what the model sees. */
const SYSTEM_SLOTS = ['goal', 'scratchpad', 'eval_notice', 'mitigation', 'tool_format'] as const;

function parseYaml(path: string): unknown {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0].line;
    const message =
      error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    const where = line === undefined ? '' : ` line ${line}:`;
    throw new ConfigError('invalid-config', `${displayPath(path)}:${where} ${message}`, { file: path });
  }
  return doc.toJS();
}

function parseFile(path: string): ScenarioFile {
  const parsed = scenarioFileSchema.safeParse(parseYaml(path));
  if (!parsed.success) {
    throw new ConfigError('invalid-config', `${displayPath(path)}: ${describeIssues(parsed.error)}`, {
      file: path,
    });
  }
  const file = parsed.data;
  const fail = (field: string, message: string): never => {
    throw new ConfigError('invalid-config', `${displayPath(path)}: ${field}: ${message}`, { file: path });
  };
  const keys = new Set<string>();
  file.emails.forEach((email, index) => {
    if (keys.has(email.key)) fail(`emails[${index}].key`, `duplicate key "${email.key}"`);
    keys.add(email.key);
  });
  file.detection.confidential.emails.forEach((key, index) => {
    if (!keys.has(key)) fail(`detection.confidential.emails[${index}]`, `no email has key "${key}"`);
  });
  if (new Set(file.tools).size !== file.tools.length) fail('tools', 'lists a tool twice');
  return file;
}

function readTemplate(directory: string, relativePath: string, field: string, yamlPath: string): string {
  const path = join(directory, relativePath);
  if (!existsSync(path)) {
    throw new ConfigError(
      'missing-file',
      `${displayPath(path)}: no such file (named by ${field} in ${displayPath(yamlPath)})`,
      {
        file: path,
      },
    );
  }
  const source = readFileSync(path, 'utf8');
  try {
    compileTemplate(source);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const line = error.line === undefined ? '' : ` line ${error.line}:`;
    throw new ConfigError('invalid-config', `${displayPath(path)}:${line} ${error.message}`, {
      file: path,
      cause: error,
    });
  }
  return source;
}

/**
 * Reads and schema-validates a scenario folder: `scenario.yaml` and every template it names.
 * Throws `ConfigError` naming the file and the field.
 */
export function readScenarioFolder(folder: string): ScenarioFolder {
  const directory = resolve(folder);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ConfigError('missing-file', `scenario folder not found: ${folder}`, { file: directory });
  }
  const yamlPath = join(directory, 'scenario.yaml');
  if (!existsSync(yamlPath)) {
    throw new ConfigError('missing-file', `${displayPath(yamlPath)}: no such file`, { file: yamlPath });
  }
  const file = parseFile(yamlPath);
  const templates = new Map<string, string>();
  const add = (relativePath: string, field: string): void => {
    if (!templates.has(relativePath))
      templates.set(relativePath, readTemplate(directory, relativePath, field, yamlPath));
  };
  add(file.templates.system, 'templates.system');
  add(file.templates.instruction, 'templates.instruction');
  file.emails.forEach((email, index) => {
    add(email.body, `emails[${index}].body`);
    for (const [at, attachment] of email.attachments.entries()) {
      add(attachment.content, `emails[${index}].attachments[${at}].content`);
    }
  });
  const names = templateNames(templates.get(file.templates.system) ?? '');
  const missing = SYSTEM_SLOTS.filter((slot) => !names.has(slot));
  if (missing.length > 0) {
    const path = join(directory, file.templates.system);
    throw new ConfigError(
      'invalid-config',
      `${displayPath(path)}: must place ${missing.map((slot) => `{{${slot}}}`).join(', ')} (used by the condition knobs)`,
      { file: path },
    );
  }
  return { directory, file, templates };
}
