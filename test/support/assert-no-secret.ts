import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files under `folder` (recursively, binary ones such as SQLite databases and their WAL files included)
 * whose bytes contain `secret`. Test helper for "a key never reaches the store, logs or reports".
 */
export function filesContainingSecret(folder: string, secret: string): string[] {
  const needle = Buffer.from(secret, 'utf8');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && readFileSync(path).includes(needle)) found.push(path);
    }
  };
  walk(folder);
  return found;
}

/** Throws, naming the files, when any file under `folder` contains `secret`. */
export function assertNoSecretInFolder(folder: string, secret: string): void {
  const found = filesContainingSecret(folder, secret);
  if (found.length > 0) throw new Error(`the planted secret appears in ${found.join(', ')}`);
}

/** Throws when any of the texts (messages, logs, serialized trajectories) contains `secret`. */
export function assertNoSecretInTexts(texts: readonly string[], secret: string): void {
  const index = texts.findIndex((text) => text.includes(secret));
  if (index !== -1) throw new Error(`the planted secret appears in text #${index}`);
}
