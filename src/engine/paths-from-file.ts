import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isMitigationPath } from '../scenarios/index.ts';
import { BUILTIN_SCENARIOS, SCENARIO_ALIASES } from '../spec/index.ts';

const LLAMACPP = 'llamacpp/';

/**
 * An experiment file's fields with its relative paths (scenario folders, mitigation files, `llamacpp/` model
 * files) read from the file's folder: rewritten as paths from the working directory, as a flag would give them.
 * A file in the working directory is returned as written, so its runs keep their id.
 * @example pathsFromFile({ mitigations: ['mine.md'] }, 'sub/exp.yaml') // { mitigations: ['sub/mine.md'] }
 */
export function pathsFromFile(fields: Record<string, unknown>, file: string): Record<string, unknown> {
  const folder = dirname(resolve(file));
  if (folder === process.cwd()) return fields;
  const fromFolder = (path: string) => relative(process.cwd(), resolve(folder, path)) || '.';
  // A bare `mine` would read as a name, not a path.
  const asPath = (path: string) => (/[/\\]/.test(path) || path.startsWith('.') ? path : `./${path}`);
  const rewritten = { ...fields };
  rewriteList(rewritten, 'scenarios', (value) =>
    isScenarioPath(value, folder) ? asPath(fromFolder(value)) : value,
  );
  rewriteList(rewritten, 'mitigations', (value) =>
    isMitigationPath(value) ? asPath(fromFolder(value)) : value,
  );
  rewriteList(rewritten, 'models', (value) => {
    const model = value.startsWith(LLAMACPP) ? value.slice(LLAMACPP.length) : '';
    return model === '' || isAbsolute(model) ? value : `${LLAMACPP}${fromFolder(model)}`;
  });
  return rewritten;
}

function rewriteList(fields: Record<string, unknown>, key: string, rewrite: (value: string) => string): void {
  const values = fields[key];
  if (!Array.isArray(values)) return;
  fields[key] = values.map((value: unknown) =>
    typeof value === 'string' && !isAbsolute(value) ? rewrite(value) : value,
  );
}

/** As `loadScenario` tells a folder from a name: not a built-in, and a path or a folder that exists. */
function isScenarioPath(value: string, folder: string): boolean {
  if ((BUILTIN_SCENARIOS as readonly string[]).includes(value) || Object.hasOwn(SCENARIO_ALIASES, value))
    return false;
  return /[/\\]/.test(value) || value.startsWith('.') || existsSync(resolve(folder, value));
}
