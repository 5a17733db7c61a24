import { readFileSync } from 'node:fs';
import type { RunVersions } from '../store/index.ts';

/** Haywire's own version, read from package.json. */
export const HAYWIRE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Versions recorded with every run so it can be rebuilt: haywire, node, and the git commit if there is one. */
export function runVersions(): RunVersions {
  const sha = gitSha(new URL('../../', import.meta.url));
  return {
    haywire: HAYWIRE_VERSION,
    node: process.versions.node,
    ...(sha === undefined ? {} : { git: sha }),
  };
}

function gitSha(root: URL): string | undefined {
  try {
    const head = readFileSync(new URL('.git/HEAD', root), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    return readFileSync(new URL(`.git/${head.slice(5)}`, root), 'utf8').trim();
  } catch {
    return undefined;
  }
}
