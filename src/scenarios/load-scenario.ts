import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILTIN_SCENARIOS, canonicalScenario, SCENARIO_ALIASES } from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import { BUILTIN_ROOT } from './builtin-paths.ts';
import { displayPath } from './display-path.ts';
import { prepareScenario } from './prepare-scenario.ts';
import { readScenarioFolder } from './read-scenario-folder.ts';
import type { Scenario } from './scenario.ts';

const byDirectory = new Map<string, Scenario>();
const byId = new Map<string, Scenario>();
const isBuiltin = (name: string): boolean => (BUILTIN_SCENARIOS as readonly string[]).includes(name);

/** Every name `loadScenario` accepts without a path: built-ins, aliases, then user scenarios loaded so far. */
export function knownScenarioNames(): string[] {
  const user = [...byId.keys()].filter((id) => !isBuiltin(id));
  return [...BUILTIN_SCENARIOS, ...Object.keys(SCENARIO_ALIASES), ...user];
}

function loadFolder(path: string, builtin: boolean): Scenario {
  const directory = resolve(path);
  const cached = byDirectory.get(directory);
  if (cached !== undefined) return cached;
  const folder = readScenarioFolder(path);
  const { id } = folder.file;
  const taken = byId.get(id);
  if (!builtin && (isBuiltin(canonicalScenario(id)) || taken !== undefined)) {
    const yaml = join(directory, 'scenario.yaml');
    const owner =
      taken === undefined ? 'a built-in scenario' : `the scenario in ${displayPath(taken.directory)}`;
    throw new ConfigError('invalid-config', `${displayPath(yaml)}: id: "${id}" is already used by ${owner}`, {
      file: yaml,
    });
  }
  const scenario = prepareScenario(folder, builtin);
  byDirectory.set(directory, scenario);
  byId.set(id, scenario);
  return scenario;
}

/**
 * Loads a scenario by name (`blackmail`, `leaking`, `lethal`, the alias `murder`, or the id of a user scenario
 * loaded before) or by folder path. Loaded once, then cached; a user folder is then also known by its id.
 * Throws `ConfigError` naming the file and the field on any problem.
 * @example loadScenario('murder').id // 'lethal'
 * @example loadScenario('./my-scenarios/phishing').context.company.name
 */
export function loadScenario(nameOrPath: string): Scenario {
  const name = canonicalScenario(nameOrPath);
  const known = byId.get(name);
  if (known !== undefined) return known;
  if (isBuiltin(name)) return loadFolder(join(BUILTIN_ROOT, name), true);
  if (/[/\\]/.test(nameOrPath) || nameOrPath.startsWith('.') || existsSync(nameOrPath)) {
    return loadFolder(nameOrPath, false);
  }
  throw new ConfigError(
    'unknown-name',
    `unknown scenario "${nameOrPath}" (allowed: ${knownScenarioNames().join(', ')})`,
  );
}
