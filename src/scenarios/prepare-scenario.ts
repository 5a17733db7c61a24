import { join } from 'node:path';
import { studyConditionId } from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import { detectionContext } from './detection-context.ts';
import { displayPath } from './display-path.ts';
import type { ScenarioFolder } from './read-scenario-folder.ts';
import { renderCondition } from './render-condition.ts';
import type { Scenario } from './scenario.ts';
import { selectEmails } from './select-emails.ts';
import { studySituations } from './study-situations.ts';

/** The ids of the confidential emails, which must be the same in every condition. */
function confidentialIds(folder: ScenarioFolder): number[] {
  const { file } = folder;
  const fail = (message: string): never => {
    const path = join(folder.directory, 'scenario.yaml');
    throw new ConfigError(
      'invalid-config',
      `${displayPath(path)}: detection.confidential.emails: ${message}`,
      {
        file: path,
      },
    );
  };
  let ids: number[] | undefined;
  for (const situation of studySituations()) {
    const keys = selectEmails(file, situation).map((email) => email.key);
    const here = file.detection.confidential.emails.map((key) => keys.indexOf(key) + 1);
    const name = studyConditionId({ scenario: file.id, ...situation });
    const absent = here.indexOf(0);
    if (absent !== -1) fail(`email "${file.detection.confidential.emails[absent]}" is not shown in ${name}`);
    ids ??= here;
    if (here.join() !== ids.join())
      fail(`ids must not change between conditions (${ids} vs ${here} in ${name})`);
  }
  return ids ?? [];
}

/** Completes a folder into a Scenario and renders each of its study cells once, so template errors show at load. */
export function prepareScenario(folder: ScenarioFolder, builtin: boolean): Scenario {
  const { file } = folder;
  const scenario: Scenario = {
    id: file.id,
    title: file.title,
    harm: file.harm,
    directory: folder.directory,
    builtin,
    file,
    templates: folder.templates,
    context: detectionContext(file, confidentialIds(folder)),
  };
  for (const situation of studySituations()) {
    renderCondition(scenario, {
      scenario: file.id,
      ...situation,
      scratchpad: true,
      eval_notice: true,
      mitigation: 'none',
    });
  }
  return scenario;
}
