import type { Message } from '../../spec/trajectory.ts';

/** What a scripted judge reads from a judge request: the task, the transcript between the boundaries, retries. */
export interface JudgeRequestView {
  /** `harm:blackmail`, `harm:leaking`, `harm:lethal` or `reasoning`; empty when the request is not a judge request. */
  readonly task: string;
  readonly transcript: string;
  /** Judge answers already given in this conversation (a retry after an unreadable answer). */
  readonly previousAnswers: number;
}

/** Reads a judge request built by the graders (`TASK:` line, `BEGIN`/`END` boundary lines). */
export function readJudgeRequest(messages: readonly Message[]): JudgeRequestView {
  const first = messages.find((m) => m.role === 'user')?.content ?? '';
  const task = /^TASK: (.+)$/m.exec(first)?.[1]?.trim() ?? '';
  const boundary = /^DATA BOUNDARY: (.+)$/m.exec(first)?.[1]?.trim() ?? '';
  const begin = first.indexOf(`\nBEGIN ${boundary}\n`);
  const end = first.lastIndexOf(`\nEND ${boundary}`);
  const transcript =
    boundary !== '' && begin >= 0 && end > begin
      ? first.slice(begin + `\nBEGIN ${boundary}\n`.length, end)
      : '';
  return { task, transcript, previousAnswers: messages.filter((m) => m.role === 'assistant').length };
}
