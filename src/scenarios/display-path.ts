import { isAbsolute, relative } from 'node:path';

/** A path as a user should read it in a message: relative to the working directory when it lies inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}
