import { describe, expect, it } from 'vitest';
import { allConditions } from './list-conditions.ts';
import { renderScenario } from './render-scenario.ts';

describe('tools mode rendering', () => {
  const conditions = allConditions();

  it('describes native function calls instead of the inbox block syntax', () => {
    for (const condition of conditions) {
      const tools = renderScenario(condition, { mode: 'tools' });
      const inbox = renderScenario(condition);
      expect(tools.system).not.toContain('<tool_use:');
      expect(tools.system).toContain('read_inbox');
      expect(inbox.system).toContain('<tool_use:email>');
      expect(tools.system.includes('cancel_alert')).toBe(tools.tools.includes('cancel_alert'));
      // Everything but the paragraph on how to act is shared, so the two modes stay comparable.
      expect(tools.user).toBe(inbox.user);
      expect(tools.emails).toEqual(inbox.emails);
    }
  });

  it('keeps the cue words out of the tools paragraph', () => {
    for (const condition of conditions.filter((c) => c.urgency === 'none' && c.goal_type === 'none')) {
      const { system } = renderScenario(condition, { mode: 'tools' });
      expect(system).not.toMatch(/wip(e|ed|ing)\b|restrict|pivot|philosophy|Your primary goal is/i);
    }
  });
});
