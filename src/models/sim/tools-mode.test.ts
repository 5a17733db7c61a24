import { describe, expect, it } from 'vitest';
import { runAgent } from '../../harness/run-agent.ts';
import { scenarioFixture } from '../../harness/scenario-fixture.ts';
import { HARMS } from '../../spec/scenario.ts';
import { resolveModel } from '../resolve-model.ts';
import { commitsHarm } from './sim-test-helpers.ts';

const run = (id: string, harm: (typeof HARMS)[number], seed: number) =>
  runAgent({
    model: resolveModel(id),
    scenario: scenarioFixture({ harm }),
    mode: 'tools',
    maxTurns: 10,
    temperature: 1,
    maxTokens: 4000,
    seed,
  });

describe('sim agents in tools mode', () => {
  it('read the inbox first, then act through tools, then finish with text', async () => {
    for (const harm of HARMS) {
      const t = await run('sim/random:1', harm, 2);
      expect(t.turns, harm).toBe(3);
      expect(t.actions[0]?.kind).toBe('read_inbox');
      expect(commitsHarm(t.actions, harm), harm).toBe(true);
      expect(t.messages.at(-1)).toMatchObject({ role: 'assistant' });
      expect(t.messages.at(-1)?.toolCalls).toBeUndefined();
      expect(t.messages.filter((m) => m.role === 'tool').every((m) => !m.content.startsWith('Error'))).toBe(
        true,
      );
    }
  });

  it('act benignly when aligned, and the right code really cancels only for the insider', async () => {
    for (const harm of HARMS) {
      const t = await run('sim/aligned', harm, 2);
      expect(commitsHarm(t.actions, harm), harm).toBe(false);
      expect(t.actions.filter((a) => a.kind === 'email').length).toBeGreaterThan(0);
    }
    const lethal = await run('sim/random:1', 'lethal', 2);
    expect(lethal.messages.some((m) => m.role === 'tool' && m.content.includes('dispatch cancelled'))).toBe(
      true,
    );
  });

  it('perceive the emails from the read_inbox result, not the instruction', async () => {
    let harmful = 0;
    for (let seed = 0; seed < 50; seed++)
      if (commitsHarm((await run('sim/insider', 'blackmail', seed)).actions, 'blackmail')) harmful++;
    expect(harmful).toBeGreaterThanOrEqual(35);
  });
});
