import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  ConfigError,
  type Experiment,
  type ExperimentInput,
  experimentSchema,
  issuePath,
  VALUED_GOAL_TYPES,
} from '../spec/index.ts';
import { pathsFromFile } from './paths-from-file.ts';

/** Overrides from the command line; each replaces the file's value. Validated with the file, so any value goes in. */
export type ExperimentOverrides = { readonly [K in keyof ExperimentInput]?: unknown };

/** Where to read an experiment from. */
export interface LoadExperimentOptions {
  /** The experiment YAML file. Relative paths in it (scenario folders, mitigation files) are read from its folder. */
  readonly file?: string;
  /** Replace the file's fields. */
  readonly overrides?: ExperimentOverrides;
  /** How each override was given, e.g. `{ epochs: '--epochs' }`: an error in its value names that, not the file. */
  readonly overrideNames?: { readonly [K in keyof ExperimentInput]?: string };
}

/**
 * Reads and validates an experiment: the YAML file if given, then the overrides, then the defaults.
 * Every problem is a ConfigError naming the file and the field, or the override (the flag) it came from.
 * @example loadExperiment({ file: 'examples/blackmail-2x2.yaml', overrides: { epochs: 2 } })
 */
export function loadExperiment(options: LoadExperimentOptions = {}): Experiment {
  const fromFile =
    options.file === undefined ? {} : pathsFromFile(readExperimentFile(options.file), options.file);
  const overrides = dropUndefined(options.overrides ?? {});
  const merged = { ...fromFile, ...overrides };
  const sources: Sources = { file: options.file, overrides, names: options.overrideNames ?? {} };
  const parsed = experimentSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      'invalid-config',
      describeExperimentIssues(parsed.error, merged, sources),
      optionalFile(options.file),
    );
  }
  refuseStrayGoalValues(merged, parsed.data, sources);
  return parsed.data;
}

/** Where an experiment's fields came from, to blame the right one. */
interface Sources {
  readonly file: string | undefined;
  readonly overrides: Record<string, unknown>;
  readonly names: Readonly<Record<string, string | undefined>>;
}

/** The distinct issues on one line, each under its flag (`--epochs: …, got 0`) or its file (`exp.yaml: epochs: …`). */
function describeExperimentIssues(
  error: z.ZodError,
  input: Record<string, unknown>,
  sources: Sources,
): string {
  const byWhere = new Map<string, Set<string>>();
  for (const issue of error.issues) {
    const field = issue.path[0];
    const overridden = typeof field === 'string' && Object.hasOwn(sources.overrides, field);
    const flag = overridden ? sources.names[field] : undefined;
    const where = flag ?? (overridden ? 'experiment' : (sources.file ?? 'experiment'));
    const path = issuePath(issue.path);
    const text =
      flag !== undefined
        ? `${issue.message}, got ${JSON.stringify(valueAt(input, issue.path))}`
        : path === ''
          ? issue.message
          : `${path}: ${issue.message}`;
    byWhere.set(where, (byWhere.get(where) ?? new Set()).add(text));
  }
  const count = [...byWhere.values()].reduce((sum, texts) => sum + texts.size, 0);
  const more = count > 3 ? ` (and ${count - 3} more)` : '';
  let left = 3;
  const parts: string[] = [];
  for (const [where, texts] of byWhere) {
    const shown = [...texts].slice(0, left);
    left -= shown.length;
    if (shown.length > 0) parts.push(`${where}: ${shown.join('; ')}`);
  }
  return `${parts.join('; ')}${more}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
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
  // Almost always a mistake (a file not yet written, the wrong file): running the default experiment would hide it.
  if (value === null || value === undefined) {
    throw new ConfigError(
      'invalid-config',
      `${file}: the experiment file is empty: give its settings (see examples/), or run without a file for the default experiment`,
      { file },
    );
  }
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
function refuseStrayGoalValues(input: Record<string, unknown>, experiment: Experiment, sources: Sources) {
  if (input.goal_values === undefined) return;
  if (experiment.goal_types.some((type) => VALUED_GOAL_TYPES.includes(type))) return;
  // Blamed on the file only when one of the two came from it; flags name themselves in the message.
  const fromFile = ['goal_values', 'goal_types'].some(
    (field) => !Object.hasOwn(sources.overrides, field) && input[field] !== undefined,
  );
  const where = fromFile && sources.file !== undefined ? `${sources.file}: ` : '';
  throw new ConfigError(
    'invalid-config',
    `${where}goal_value "${experiment.goal_values.join(',')}" is not allowed with goal_type "${experiment.goal_types.join(',')}" (allowed: none; a goal value needs goal_type ${VALUED_GOAL_TYPES.join(', ')})`,
    optionalFile(sources.file),
  );
}
