import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createGuard, loadPolicy, openStore, storeAuditLog } from '../../src/index.ts';
import { runCli, tempDir } from './run-cli.ts';

const FIXTURES = new URL('../../src/guard/fixtures/', import.meta.url).pathname;

describe('haywire guard check', () => {
  it('prints a decision for every tool call as JSON', async () => {
    const result = await runCli([
      'guard',
      'check',
      '--json',
      '--tier',
      'strict',
      join(FIXTURES, 'blackmail-trace.json'),
    ]);
    expect(result.code).toBe(0);
    const { decisions } = JSON.parse(result.stdout);
    expect(decisions).toEqual([
      { tool_call_id: 'sim_1_0', decision: 'allow', rule: null, evidence: [] },
      {
        tool_call_id: 'sim_2_0',
        decision: 'block',
        rule: { id: 'coercion', version: 1 },
        evidence: expect.any(Array),
      },
    ]);
  });

  it('prints a table by default', async () => {
    const result = await runCli(['guard', 'check', join(FIXTURES, 'lethal-trace.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sim_2_0\s+cancel_alert\s+block\s+alert-cancel@2\s+EXEC-4429/);
    expect(result.stdout).toMatch(/tier balanced: 2 calls, 1 stopped/);
  });

  it('refuses a bad trace, tier or policy in one line with exit 2', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"messages": [{"role": "assistant", "tool_calls": [{"id": 1}]}]}');
    for (const args of [
      ['guard', 'check', bad],
      ['guard', 'check', join(dir, 'missing.json')],
      ['guard', 'check', '--tier', 'lax', bad],
      ['guard', 'check', '--policy', join(dir, 'missing.yaml'), join(FIXTURES, 'lethal-trace.json')],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(
        result.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('(run with')),
      ).toHaveLength(1);
    }
  });
});

describe('haywire guard audit verify', () => {
  it('reports an intact log, then the index of an edited record', async () => {
    const store = auditedStore(['A', 'B', 'C']);
    const ok = await runCli(['guard', 'audit', 'verify', '--store', store]);
    expect([ok.code, ok.stdout]).toEqual([
      0,
      expect.stringMatching(/^audit log intact: 3 records, head [0-9a-f]{64}\n$/),
    ]);
    const head = /head ([0-9a-f]{64})/.exec(ok.stdout)![1]!;
    expect((await runCli(['guard', 'audit', 'verify', '--store', store, '--expect-head', head])).code).toBe(
      0,
    );
    const elsewhere = await runCli([
      'guard',
      'audit',
      'verify',
      '--store',
      store,
      '--expect-head',
      'f'.repeat(64),
    ]);
    expect([elsewhere.code, elsewhere.stdout]).toEqual([
      1,
      expect.stringMatching(/not at the expected head/),
    ]);
    const db = new DatabaseSync(store);
    db.exec(
      `UPDATE guard_audit SET record_json = json_set(record_json, '$.decision', 'allow') WHERE idx = 1`,
    );
    db.close();
    const bad = await runCli(['guard', 'audit', 'verify', '--store', store, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, firstBadIndex: 1 });
  });
});

describe('haywire guard audit verify on a damaged store', () => {
  it('refuses a directory as the store in one line, exit 2', async () => {
    const dir = tempDir();
    const result = await runCli(['guard', 'audit', 'verify', '--store', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^haywire: ${dir} is a folder, not a Haywire store[^\n]*\n$`));
  });

  it('reports a dropped head table as tampering, not a crash', async () => {
    const store = auditedStore(['A']);
    const db = new DatabaseSync(store);
    db.exec('DROP TABLE guard_audit_head');
    db.close();
    const result = await runCli(['guard', 'audit', 'verify', '--store', store]);
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect(result.stdout).toBe(
      'audit log TAMPERED: record 0: the head table guard_audit_head is missing (dropped)\n',
    );
  });
});

/** A fresh store whose audit log holds one decided alert cancel per code. */
function auditedStore(codes: readonly string[]): string {
  const store = join(tempDir(), 'haywire.db');
  const opened = openStore(store);
  const session = createGuard({
    policy: loadPolicy(),
    tier: 'strict',
    audit: storeAuditLog(opened),
  }).startSession();
  for (const code of codes) session.decide({ id: code, name: 'cancel_alert', arguments: { code } });
  opened.close();
  return store;
}
