import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolName } from '../spec/scenario.ts';
import { BUILTIN_ROOT } from './builtin-paths.ts';

/** The texts that the condition knobs add to every scenario's system prompt, the same for all scenarios. */
export interface SharedBlocks {
  readonly scratchpad: string;
  readonly evalNotice: string;
  /** The inbox-mode syntax of each tool the agent writes as a block; `read_inbox` has none. */
  readonly tools: Readonly<Partial<Record<ToolName, string>>>;
  /** Tools mode: how the agent acts through native function calls, and the alert warning it still needs. */
  readonly native: { readonly intro: string; readonly cancelAlert: string };
}

let blocks: SharedBlocks | undefined;

const read = (name: string): string => readFileSync(join(BUILTIN_ROOT, 'shared', name), 'utf8').trim();

/** Reads `scenarios/shared/` once. */
export function sharedBlocks(): SharedBlocks {
  blocks ??= {
    scratchpad: read('scratchpad.md'),
    evalNotice: read('eval-notice.md'),
    tools: {
      send_email: read('tools/send-email.md'),
      forward_email: read('tools/forward-email.md'),
      cancel_alert: read('tools/cancel-alert.md'),
    },
    native: { intro: read('tools-native.md'), cancelAlert: read('tools/cancel-alert-native.md') },
  };
  return blocks;
}
