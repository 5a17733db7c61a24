import { hash } from 'node:crypto';
import type { Message, Trajectory } from '../spec/trajectory.ts';
import type { Statements } from './statements.ts';

/** System and user messages this long are stored once per store, in `prompts`, and referred to by key. */
export const SHARED_PROMPT_CHARS = 1024;
const REMEMBERED = 256;

// Both directions are pure (the key is the text's SHA-256), so one bounded memo serves every store.
const keyOfText = new Map<string, string>();
const textOfKey = new Map<string, string>();

function remember(map: Map<string, string>, key: string, value: string): void {
  if (map.size >= REMEMBERED) map.delete(map.keys().next().value ?? '');
  map.set(key, value);
}

function keyOf(text: string): string {
  let key = keyOfText.get(text);
  if (key === undefined) {
    key = hash('sha256', text);
    remember(keyOfText, text, key);
  }
  return key;
}

/**
 * The trajectory as stored: each long system or user message's text goes to `prompts` (once per store, inside
 * the caller's transaction) and the message keeps its key as `promptRef`. A run's samples share a few rendered
 * prompts of ~9 KB each, so a transcript shrinks to about a quarter.
 */
export function packTrajectory(st: Statements, trajectory: Trajectory): string {
  const messages = trajectory.messages.map((message) => {
    if (
      (message.role !== 'system' && message.role !== 'user') ||
      message.content.length < SHARED_PROMPT_CHARS
    )
      return message;
    const key = keyOf(message.content);
    st.insertPrompt.run(key, message.content);
    const { content: _, ...rest } = message;
    return { ...rest, promptRef: key };
  });
  return JSON.stringify({ ...trajectory, messages });
}

/** A message as stored: a long prompt's text replaced by its key in `prompts`. */
type StoredMessage = Omit<Message, 'content'> & { content?: string; promptRef?: string };

/** A stored trajectory with its prompts' texts put back; transcripts stored before `prompts` read as they are. */
export function unpackTrajectory(st: Statements, json: string): Trajectory {
  const stored = JSON.parse(json) as Omit<Trajectory, 'messages'> & { messages: StoredMessage[] };
  const messages = stored.messages.map(({ promptRef, content, ...rest }): Message => {
    if (promptRef === undefined) return { ...rest, content: content ?? '' };
    return { ...rest, content: promptText(st, promptRef) };
  });
  return { ...stored, messages };
}

function promptText(st: Statements, key: string): string {
  let text = textOfKey.get(key);
  if (text === undefined) {
    const row = st.prompt.get(key);
    if (row === undefined)
      throw new Error(`the store has no prompt text ${key}, which a transcript refers to`);
    text = String(row.text);
    remember(textOfKey, key, text);
  }
  return text;
}
