import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../spec/config-error.ts';
import { BUILTIN_ROOT } from './builtin-paths.ts';

/** The mitigations that ship with Haywire, besides `none`. */
export const BUILTIN_MITIGATION_FILES: Readonly<Record<string, string>> = {
  rules: join(BUILTIN_ROOT, 'mitigations', 'rules.md'),
  reasons: join(BUILTIN_ROOT, 'mitigations', 'reasons.md'),
};

const texts = new Map<string, string>();

/** Whether a mitigation value names a file rather than a built-in. */
export function isMitigationPath(mitigation: string): boolean {
  return /[/\\]/.test(mitigation) || mitigation.endsWith('.md');
}

/** The file a mitigation value points at, or throws `ConfigError` for an unknown name. */
export function mitigationFile(mitigation: string): string {
  const builtin = BUILTIN_MITIGATION_FILES[mitigation];
  if (builtin !== undefined) return builtin;
  if (!isMitigationPath(mitigation)) {
    throw new ConfigError(
      'unknown-name',
      `unknown mitigation "${mitigation}" (allowed: none, rules, reasons, or a path to a Markdown file)`,
    );
  }
  const path = resolve(mitigation);
  if (!existsSync(path)) {
    throw new ConfigError('missing-file', `mitigation file not found: ${mitigation}`, { file: path });
  }
  return path;
}

/** The text a mitigation adds to the system prompt (`''` for `none`); files are read once. */
export function mitigationText(mitigation: string): string {
  if (mitigation === 'none') return '';
  const cached = texts.get(mitigation);
  if (cached !== undefined) return cached;
  const text = readFileSync(mitigationFile(mitigation), 'utf8').trim();
  texts.set(mitigation, text);
  return text;
}
