import * as guard from 'haywire/guard';
import { describe, expect, it } from 'vitest';

describe('haywire/guard, imported by package name', () => {
  it('names the hooks, the proxy and the approvals a library user needs', () => {
    for (const name of [
      'guardTools',
      'guardMiddleware',
      'enforceToolCall',
      'startGuardProxy',
      'ApprovalQueue',
      'createApprovalsClient',
    ]) {
      expect(typeof (guard as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
