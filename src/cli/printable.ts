// Control characters (C0, DEL, C1) and the bidirectional overrides that can make text display other than it reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from outside (a folder's name, a model id from a file, a line of input) made safe to print on a
 * terminal: every control character is written as an escape, so none can move the cursor, retitle the window,
 * clear the screen or break a one-line message over several.
 * @example printable('m\u001b]0;pwned\u0007') // 'm\\u001b]0;pwned\\u0007'
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
