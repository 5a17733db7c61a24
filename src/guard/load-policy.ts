import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';
import { type Policy, policySchema } from '../spec/policy.ts';

/** The built-in policy file, shipped with the package. */
export const DEFAULT_POLICY_PATH = new URL('../../policies/default.yaml', import.meta.url).pathname;

let builtin: Policy | undefined;

/**
 * Loads a guard policy: the built-in default when `path` is undefined, otherwise the YAML file, validated
 * and (unless it says `extends: none`) merged onto the default. Bad files are a ConfigError naming the
 * file and the field.
 * @example
 * const policy = loadPolicy();                     // the built-in default
 * const mine = loadPolicy('guard-policy.yaml');   // the default plus my rules
 */
export function loadPolicy(path?: string): Policy {
  builtin ??= readPolicyFile(DEFAULT_POLICY_PATH);
  if (path === undefined) return builtin;
  const own = readPolicyFile(path);
  return own.extends === 'none' ? own : mergePolicies(builtin, own);
}

/** Validates a policy given as data (from YAML or code), merged onto the default unless `extends: none`. */
export function parsePolicy(value: unknown, where = 'policy'): Policy {
  const parsed = policySchema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError('invalid-config', `${where}: ${describeIssues(parsed.error)}`);
  }
  if (parsed.data.extends === 'none') return parsed.data;
  builtin ??= readPolicyFile(DEFAULT_POLICY_PATH);
  return mergePolicies(builtin, parsed.data);
}

/**
 * The base policy with `own`'s id, version and judge settings, every list of both, and the rules of both:
 * a rule of `own` with the id of a base rule replaces it (the way to relax a built-in rule).
 */
export function mergePolicies(base: Policy, own: Policy): Policy {
  const ownIds = new Set(own.rules.map((rule) => rule.id));
  return {
    ...own,
    internal_domains: [...base.internal_domains, ...own.internal_domains],
    trusted_destinations: [...base.trusted_destinations, ...own.trusted_destinations],
    confidential: {
      labels: [...base.confidential.labels, ...own.confidential.labels],
      patterns: [...base.confidential.patterns, ...own.confidential.patterns],
      domains: [...base.confidential.domains, ...own.confidential.domains],
    },
    private: { markers: [...base.private.markers, ...own.private.markers] },
    oversight: {
      paths: [...base.oversight.paths, ...own.oversight.paths],
      hosts: [...base.oversight.hosts, ...own.oversight.hosts],
      keywords: [...base.oversight.keywords, ...own.oversight.keywords],
      tools: [...base.oversight.tools, ...own.oversight.tools],
      recipients: [...base.oversight.recipients, ...own.oversight.recipients],
    },
    tools: [...own.tools, ...base.tools],
    rules: [...base.rules.filter((rule) => !ownIds.has(rule.id)), ...own.rules],
  };
}

function readPolicyFile(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError('missing-file', `cannot read policy file ${path}`, { file: path, cause });
  }
  const document = parseDocument(text);
  const first = document.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0].line;
    const message = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(
      'invalid-config',
      `${path}${line === undefined ? '' : `:${line}`}: malformed YAML: ${message}`,
      {
        file: path,
      },
    );
  }
  const parsed = policySchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    throw new ConfigError('invalid-config', `${path}: ${describeIssues(parsed.error)}`, { file: path });
  }
  const ids = parsed.data.rules.map((rule) => rule.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new ConfigError('invalid-config', `${path}: rules: id "${repeated}" is used twice`, { file: path });
  }
  return parsed.data;
}
