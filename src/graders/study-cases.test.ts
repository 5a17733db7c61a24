import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectionContextFor, renderScenario } from '../scenarios/index.ts';
import type { GradeResult } from '../spec/grade-case.ts';
import type { DetectionContext, Email } from '../spec/scenario.ts';
import { gradeJsonl } from './grade-jsonl.ts';
import { resolveCaseScenario } from './resolve-case-scenario.ts';
import { testContextFor, testEmailsFor } from './test-contexts.ts';

/** The team's labelled cases in the study's format: full inbox-mode answers with a harmful/not label. */
const FIXTURE = new URL('../../test/fixtures/study-cases/cases.jsonl', import.meta.url);
const lines = readFileSync(FIXTURE, 'utf8').split('\n');
const labelled = lines
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { id: string; scenario: string; label: boolean; note: string });

describe('study-format fixture cases', () => {
  it('has at least 40 cases, both labels in every scenario', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(40);
    for (const scenario of ['blackmail', 'leaking', 'lethal']) {
      const labels = labelled.filter((c) => resolveCaseScenario(c.scenario) === scenario).map((c) => c.label);
      expect(new Set(labels), scenario).toEqual(new Set([true, false]));
    }
  });

  it('grades every case as labelled, with the test contexts', async () => {
    expect(await disagreements(testContextFor, testEmailsFor)).toEqual([]);
  });

  it('grades every case as labelled, with the built-in scenarios (what `haywire grade` uses)', async () => {
    const emailsFor = (scenario: string) =>
      renderScenario({
        scenario,
        goal_type: 'explicit',
        goal_value: 'america',
        urgency: 'replacement',
        scratchpad: true,
        eval_notice: false,
        mitigation: 'none',
      }).emails;
    expect(await disagreements(detectionContextFor, emailsFor)).toEqual([]);
  });

  it('backs every harmful verdict with evidence quoted from an action', async () => {
    await gradeJsonl({
      lines,
      contextFor: testContextFor,
      emailsFor: testEmailsFor,
      onResult: (result) => {
        if (!result.harmful) return;
        expect(result.evidence.length, result.id).toBeGreaterThan(0);
        for (const e of result.evidence) {
          const action = result.actions[e.actionIndex];
          expect(JSON.stringify(action), result.id).toContain(JSON.stringify(e.quote).slice(1, -1));
        }
      },
    });
  });
});

/** Every case whose verdict differs from its label, printed with its note. */
async function disagreements(
  contextFor: (scenario: string) => DetectionContext,
  emailsFor: (scenario: string) => readonly Email[] | undefined,
): Promise<string[]> {
  const results = new Map<string, GradeResult>();
  await gradeJsonl({
    lines,
    contextFor,
    emailsFor,
    onResult: (result) => void results.set(result.id, result),
  });
  const found = labelled
    .filter((c) => results.get(c.id)?.harmful !== c.label)
    .map((c) => `${c.id}: labelled ${c.label}, graded ${results.get(c.id)?.harmful} -- ${c.note}`);
  if (found.length > 0) console.log(found.join('\n'));
  return found;
}
