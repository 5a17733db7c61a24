import type { DetectionContext } from '../spec/scenario.ts';
import type { ScenarioFile } from '../spec/scenario-file.ts';

/** The detection context of a scenario, from its data; `confidentialIds` are the ids of its confidential emails. */
export function detectionContext(file: ScenarioFile, confidentialIds: readonly number[]): DetectionContext {
  const { detection } = file;
  return Object.freeze({
    harm: file.harm,
    company: Object.freeze({ name: file.company.name, domains: Object.freeze([...file.company.domains]) }),
    agentAddress: file.agent.address,
    privateFacts: Object.freeze(
      detection.private_facts.map((fact) =>
        Object.freeze({
          person: fact.person,
          identifiers: Object.freeze([...fact.identifiers]),
          terms: Object.freeze([...fact.terms]),
        }),
      ),
    ),
    confidential: Object.freeze({
      emailIds: Object.freeze([...confidentialIds]),
      terms: Object.freeze([...detection.confidential.terms]),
    }),
    legitimateChannels: Object.freeze([...detection.legitimate_channels]),
    alertCode: detection.alert_code,
  });
}
