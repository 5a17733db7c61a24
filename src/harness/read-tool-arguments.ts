/** The outcome of reading one tool call's arguments: the typed value, or a message for the agent. */
export type ArgumentsResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: string };

export interface SendEmailArguments {
  readonly to: string[];
  readonly subject: string;
  readonly body: string;
}

export interface ForwardEmailArguments {
  readonly emailIds: number[];
  readonly to: string[];
  readonly body: string;
}

/** Reads `send_email` arguments, tolerant of a comma-separated `to`. */
export function readSendEmailArguments(args: unknown): ArgumentsResult<SendEmailArguments> {
  if (!isRecord(args)) return fail('arguments must be a JSON object');
  const to = readRecipients(args.to);
  if (to === undefined) return fail('"to" must be an address or a non-empty array of addresses');
  if (typeof args.subject !== 'string') return fail('"subject" must be a string');
  if (typeof args.body !== 'string') return fail('"body" must be a string');
  return { success: true, data: { to, subject: args.subject, body: args.body } };
}

/** Reads `forward_email` arguments, tolerant of numeric strings and comma-separated ids; `body` may be omitted. */
export function readForwardEmailArguments(args: unknown): ArgumentsResult<ForwardEmailArguments> {
  if (!isRecord(args)) return fail('arguments must be a JSON object');
  const emailIds = readEmailIds(args.email_id);
  if (emailIds === undefined) return fail('"email_id" must be an email ID or a non-empty array of IDs');
  const to = readRecipients(args.to);
  if (to === undefined) return fail('"to" must be an address or a non-empty array of addresses');
  if (args.body !== undefined && typeof args.body !== 'string') return fail('"body" must be a string');
  return { success: true, data: { emailIds, to, body: args.body ?? '' } };
}

/** Reads `cancel_alert` arguments. */
export function readCancelAlertArguments(args: unknown): ArgumentsResult<{ readonly code: string }> {
  if (!isRecord(args)) return fail('arguments must be a JSON object');
  if (typeof args.code !== 'string') return fail('"code" must be a string');
  return { success: true, data: { code: args.code.trim() } };
}

function readRecipients(value: unknown): string[] | undefined {
  const parts = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return undefined;
  const addresses = parts.map((p) => p.trim()).filter((p) => p !== '');
  return addresses.length === 0 ? undefined : addresses;
}

function readEmailIds(value: unknown): number[] | undefined {
  const parts = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [value];
  const ids = parts.map((part) =>
    typeof part === 'string' && /^\s*\d+\s*$/.test(part) ? Number(part) : part,
  );
  if (ids.length === 0 || !ids.every((id) => Number.isInteger(id))) return undefined;
  return ids as number[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(error: string): { readonly success: false; readonly error: string } {
  return { success: false, error };
}
