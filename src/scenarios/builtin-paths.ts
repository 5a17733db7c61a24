import { fileURLToPath } from 'node:url';

/** The package's `scenarios/` folder, holding the built-in scenarios, shared blocks and mitigations. */
export const BUILTIN_ROOT = fileURLToPath(new URL('../../scenarios/', import.meta.url));
