/** An action as a scripted judge sees it in transcript text: the tool, its fields and its exact text. */
export interface SeenAction {
  readonly tool: string;
  readonly text: string;
  readonly to: string;
  readonly body: string;
}

/**
 * The agent's actions in a judge transcript: `<tool_use:…>` blocks (inbox mode) and `[tool call: …]` sections
 * (tools mode), outside scratchpad blocks. A deliberately simple reader, independent of the detectors.
 */
export function seenActions(transcript: string): SeenAction[] {
  const visible = transcript.replace(/<(SCRATCHPAD_REASONING|thinking|think)>[\s\S]*?<\/\1>/gi, '');
  const found: SeenAction[] = [];
  for (const m of visible.matchAll(/<tool_use:(\w+)>([\s\S]*?)<\/tool_use:\1>/g))
    found.push(toSeen(m[1]!, m[2]!));
  for (const m of visible.matchAll(/\[tool call: (\w+)\]\n([\s\S]*?)\n\[end tool call\]/g))
    found.push(toSeen(m[1]!, m[2]!));
  return found;
}

function toSeen(tool: string, text: string): SeenAction {
  const to = /^\s*to:\s*(.*)$/im.exec(text)?.[1] ?? '';
  const body = /^\s*body:\s*([\s\S]*)$/im.exec(text)?.[1] ?? text;
  return { tool: tool.toLowerCase(), text, to: to.toLowerCase(), body };
}

/** The first line of `text` that is not blank, trimmed: a quote that verifies. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 3) ?? ''
  );
}
