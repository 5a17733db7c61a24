import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import {
  ConfigError,
  describeIssues,
  type Experiment,
  type ExperimentInput,
  experimentSchema,
  VALUED_GOAL_TYPES,
} from '../spec/index.ts';

/** Overrides from the command line; each replaces the file's value. Validated with the file, so any value goes in. */
export type ExperimentOverrides = { readonly [K in keyof ExperimentInput]?: unknown };

/**
 * Reads and validates an experiment: the YAML file if given, then the overrides, then the defaults.
 * Every problem is a ConfigError naming the file and the field.
 * @example loadExperiment({ file: 'examples/blackmail-2x2.yaml', overrides: { epochs: 2 } })
 */
export function loadExperiment(options: { file?: string; overrides?: ExperimentOverrides } = {}): Experiment {
  const fromFile = options.file === undefined ? {} : readExperimentFile(options.file);
  const merged = { ...fromFile, ...dropUndefined(options.overrides ?? {}) };
  const parsed = experimentSchema.safeParse(merged);
  if (parsed.success) refuseStrayGoalValues(merged, parsed.data, options.file);
  if (!parsed.success) {
    const where = options.file ?? 'experiment';
    throw new ConfigError(
      'invalid-config',
      `${where}: ${describeIssues(parsed.error)}`,
      optionalFile(options.file),
    );
  }
  return parsed.data;
}

function readExperimentFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError('missing-file', `cannot read experiment file ${file}`, { file, cause });
  }
  const document = parseDocument(text);
  const first = document.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0].line;
    const at = line === undefined ? '' : `:${line}`;
    throw new ConfigError(
      'invalid-config',
      `${file}${at}: malformed YAML: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        file,
      },
    );
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('invalid-config', `${file}: expected a mapping of experiment settings`, { file });
  }
  return value as Record<string, unknown>;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function optionalFile(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}

/** Goal values given explicitly while no goal type takes one: the user asked for a combination that does not exist. */
function refuseStrayGoalValues(
  input: Record<string, unknown>,
  experiment: Experiment,
  file: string | undefined,
) {
  if (input.goal_values === undefined) return;
  if (experiment.goal_types.some((type) => VALUED_GOAL_TYPES.includes(type))) return;
  const where = file === undefined ? '' : `${file}: `;
  throw new ConfigError(
    'invalid-config',
    `${where}goal_value "${experiment.goal_values.join(',')}" is not allowed with goal_type "${experiment.goal_types.join(',')}" (allowed: none; a goal value needs goal_type ${VALUED_GOAL_TYPES.join(', ')})`,
    optionalFile(file),
  );
}
