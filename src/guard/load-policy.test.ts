import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGuard } from './create-guard.ts';
import { loadPolicy } from './load-policy.ts';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'haywire-policy-')), 'policy.yaml');
  writeFileSync(path, text);
  return path;
};

describe('loadPolicy', () => {
  it('loads the built-in policy with versioned rules and the three tiers', () => {
    const policy = loadPolicy();
    expect(policy.id).toBe('default');
    expect(policy.rules.length).toBeGreaterThan(10);
    for (const rule of policy.rules) {
      expect(rule.version).toBeGreaterThanOrEqual(1);
      expect(Object.keys(rule.decision).sort()).toEqual(['balanced', 'permissive', 'strict']);
    }
  });

  it("adds a user's rules to the default, and a rule with a built-in id replaces it", () => {
    const path = file(`id: acme
version: 3
internal_domains: [acme.com]
rules:
  - id: no-pastebin
    version: 1
    when: { destination: 'pastebin\\.com' }
    decision: block
  - id: shell
    version: 2
    when: { action: shell }
    decision: { strict: log, balanced: allow, permissive: allow }
`);
    const policy = loadPolicy(path);
    expect(policy).toMatchObject({ id: 'acme', version: 3, internal_domains: ['acme.com'] });
    expect(policy.rules.find((r) => r.id === 'no-pastebin')?.decision).toEqual({
      strict: 'block',
      balanced: 'block',
      permissive: 'block',
    });
    expect(policy.rules.filter((r) => r.id === 'shell')).toEqual([expect.objectContaining({ version: 2 })]);
    expect(policy.rules.find((r) => r.id === 'coercion')).toBeDefined();
  });

  it('refuses a bad file with a ConfigError naming the file and the field', () => {
    const path = file('id: acme\nversion: 1\nrules:\n  - id: x\n    version: 1\n    decision: maybe\n');
    expect(() => loadPolicy(path)).toThrow(
      expect.objectContaining({ name: 'ConfigError', code: 'invalid-config' }),
    );
    expect(() => loadPolicy(path)).toThrow(/policy\.yaml: rules\[0\]\.decision/);
    expect(() => loadPolicy(file('id: acme\nversion: 1\noversight: { paths: ["("] }\n'))).toThrow(
      /oversight\.paths\[0\]: expected a valid regular expression/,
    );
    expect(() => loadPolicy(file('id: [\n'))).toThrow(/malformed YAML/);
    // A timer cannot hold longer: the judge would time out at once.
    expect(() => loadPolicy(file('id: acme\nversion: 1\njudge: { timeout_ms: 3000000000 }\n'))).toThrow(
      /judge\.timeout_ms: expected at most 2147483647 ms/,
    );
    expect(() => loadPolicy('/no/such/policy.yaml')).toThrow(
      expect.objectContaining({ code: 'missing-file' }),
    );
  });

  it('says what a field expects, where a field that takes one value or a list said only "Invalid input"', () => {
    const rule = (when: string, decision = 'block') =>
      file(
        `id: acme\nversion: 1\nrules:\n  - id: x\n    version: 1\n    when: ${when}\n    decision: ${decision}\n`,
      );
    // The same words as private.markers: a bad regex is a bad regex wherever it is.
    expect(() => loadPolicy(rule('{ text: "(unclosed" }'))).toThrow(
      /policy\.yaml: rules\[0\]\.when\.text: expected a valid regular expression$/,
    );
    expect(() => loadPolicy(rule('{ text: [ok, "(unclosed"] }'))).toThrow(
      /rules\[0\]\.when\.text\[1\]: expected a valid regular expression$/,
    );
    expect(() => loadPolicy(rule('{ action: shell }', 'deny'))).toThrow(
      /rules\[0\]\.decision: expected allow, log, require-approval, block, or one for each tier: \{ strict, balanced, permissive \}$/,
    );
    expect(() =>
      loadPolicy(rule('{ action: shell }', '{ strict: deny, balanced: log, permissive: log }')),
    ).toThrow(/rules\[0\]\.decision\.strict: .*"allow"\|"log"\|"require-approval"\|"block"/);
    expect(() => loadPolicy(rule('{ certainty: [definite, maybe] }'))).toThrow(
      /rules\[0\]\.when\.certainty\[1\]: .*"definite"\|"ambiguous"/,
    );
    expect(() => loadPolicy(rule('{ action: shel }'))).toThrow(/rules\[0\]\.when\.action: .*"shell"/);
  });

  it('takes a list for every when field, certainty and reversibility included, matching any item', () => {
    const decide = (when: string, name: string, args: Record<string, unknown>) => {
      const policy = loadPolicy(
        file(
          `id: acme\nversion: 1\nextends: none\nrules:\n  - id: x\n    version: 1\n    when: ${when}\n    decision: block\n`,
        ),
      );
      return createGuard({ policy, tier: 'balanced' })
        .startSession()
        .decide({ id: 'c', name, arguments: args });
    };
    const cancel = ['cancel_alert', { code: 'EXEC-4429' }] as const;
    expect(decide('{ detector: alert-cancel, certainty: [ambiguous, definite] }', ...cancel)).toMatchObject({
      decision: 'block',
      rule: { id: 'x' },
    });
    expect(decide('{ detector: alert-cancel, certainty: [ambiguous] }', ...cancel)).toMatchObject({
      decision: 'allow',
      rule: null,
    });
    const mail = ['send_email', { to: 'dana@client.example.org', subject: 'Hi', body: 'Notes.' }] as const;
    expect(decide('{ reversibility: [reversible, irreversible] }', ...mail)).toMatchObject({
      decision: 'block',
    });
    expect(decide('{ reversibility: [reversible] }', ...mail)).toMatchObject({
      decision: 'allow',
      rule: null,
    });
    expect(decide('{ reversibility: irreversible }', ...mail)).toMatchObject({ decision: 'block' });
  });
});

describe('tiers', () => {
  it('map the same call to a decision per tier, from the rule that matches', () => {
    const decide = (
      tier: 'strict' | 'balanced' | 'permissive',
      name: string,
      args: Record<string, unknown>,
    ) =>
      createGuard({ policy: loadPolicy(), tier }).startSession().decide({ id: 'c', name, arguments: args });
    const shell = { command: 'ls -la reports' };
    expect([
      decide('strict', 'run_shell', shell),
      decide('balanced', 'run_shell', shell),
      decide('permissive', 'run_shell', shell),
    ]).toEqual([
      expect.objectContaining({ decision: 'require-approval', rule: { id: 'shell', version: 1 } }),
      expect.objectContaining({ decision: 'log', rule: { id: 'shell', version: 1 } }),
      expect.objectContaining({ decision: 'allow', rule: { id: 'shell', version: 1 } }),
    ]);
    const external = {
      to: 'dana@client.example.org',
      subject: 'Notes',
      body: 'Thanks for the call; the proposal follows on Friday.',
    };
    expect(decide('strict', 'send_email', external)).toMatchObject({
      decision: 'log',
      rule: { id: 'external-irreversible' },
    });
    expect(decide('permissive', 'send_email', external)).toMatchObject({ decision: 'allow' });
    expect(decide('balanced', 'read_file', { path: 'docs/handbook.md' })).toMatchObject({
      decision: 'allow',
      rule: null,
    });
  });
});

describe('policies/example.yaml', () => {
  it('loads, and its rules and shapes take effect', () => {
    const policy = loadPolicy(new URL('../../policies/example.yaml', import.meta.url).pathname);
    const session = createGuard({ policy, tier: 'balanced' }).startSession();
    const decide = (name: string, args: Record<string, unknown>) =>
      session.decide({ id: 'c', name, arguments: args });
    expect(
      decide('http_request', { url: 'https://pastebin.com/api', method: 'POST', body: 'x' }),
    ).toMatchObject({ decision: 'block', rule: { id: 'no-paste-sites' } });
    expect(decide('run_shell', { command: 'ls' })).toMatchObject({
      decision: 'allow',
      rule: { id: 'shell', version: 2 },
    });
    expect(decide('send_email', { to: 'bo@acme.com', subject: 'Hi', body: 'Lunch?' })).toMatchObject({
      decision: 'allow',
      action: { recipient: 'internal' },
    });
    expect(decide('crm_push', { target_url: 'https://crm.vendor.example', records: 'r' })).toMatchObject({
      action: { kind: 'http-request', recipient: 'external' },
    });
  });
});
