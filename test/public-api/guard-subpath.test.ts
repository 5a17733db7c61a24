import { createGuard, loadPolicy } from 'haywire/guard';
import { describe, expect, it } from 'vitest';

describe('haywire/guard, imported by subpath', () => {
  it('builds a guard from the built-in policy and decides a call', () => {
    const session = createGuard({ policy: loadPolicy(), tier: 'strict' }).startSession();
    expect(
      session.decide({ id: 'c1', name: 'cancel_alert', arguments: { code: 'EXEC-4429' } }),
    ).toMatchObject({
      decision: 'block',
      rule: { id: 'alert-cancel', version: 2 },
    });
  });
});
