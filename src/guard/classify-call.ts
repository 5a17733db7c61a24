import type { GuardActionKind, Reversibility, ToolShape } from '../spec/policy.ts';
import {
  actionKindOf,
  COMMAND_ARGS,
  ID_ARGS,
  PATH_ARGS,
  RECIPIENT_ARGS,
  TEXT_ARGS,
  URL_ARGS,
} from './action-kind-of.ts';

/** A tool call as the agent asked for it. */
export interface GuardToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** What a tool call does, read from its name and argument names. */
export interface ClassifiedCall {
  readonly kind: GuardActionKind;
  /** Addresses, channels, URLs or paths the call sends to or acts on. */
  readonly destinations: readonly string[];
  /** The text the call carries out (subject, body, message, content, request body, command). */
  readonly payload: readonly string[];
  /** Items the call forwards or refers to by id (`email_id`). */
  readonly itemIds: readonly string[];
  /** Paths, URLs and commands: what oversight rules look at. */
  readonly resources: readonly string[];
  readonly method: string | undefined;
  readonly reversibility: Reversibility;
}

const IRREVERSIBLE: ReadonlySet<GuardActionKind> = new Set([
  'message-send',
  'message-forward',
  'file-delete',
  'shell',
  'alert-cancel',
]);

/**
 * Reads a tool call into what it does. Custom shapes from the policy come first; then the built-in
 * recognisers of email, messaging, file, HTTP, shell, config and the study's `cancel_alert`.
 * @example
 * classifyCall({ id: 'c1', name: 'send_email', arguments: { to: 'a@b.com', body: 'hi' } }).kind; // 'message-send'
 */
export function classifyCall(call: GuardToolCall, shapes: readonly ToolShape[] = []): ClassifiedCall {
  const args = lowerKeys(call.arguments);
  const argNames = new Set(args.keys());
  const shape = shapes.find((s) => s.name.toLowerCase() === call.name.toLowerCase());
  const kind = shape?.kind ?? actionKindOf(call.name, argNames);
  const pick = (names: readonly string[]) => names.flatMap((n) => strings(args.get(n.toLowerCase())));
  const method = strings(args.get('method'))[0]?.toUpperCase();
  const commands = kind === 'shell' ? pick(COMMAND_ARGS) : [];
  const destinations =
    shape?.destination !== undefined ? pick(shape.destination) : destinationsOf(kind, pick, commands);
  const payload =
    shape?.payload !== undefined
      ? pick(shape.payload)
      : kind === 'alert-cancel'
        ? pick(['code', 'reason'])
        : [
            ...pick(TEXT_ARGS),
            ...commands,
            ...(kind === 'config-change' ? otherValues(args) : []),
            // A URL carries data too (`?key=…`).
            ...(kind === 'http-request' ? destinations : []),
          ];
  const itemIds = shape?.ids !== undefined ? pick(shape.ids) : pick(ID_ARGS);
  const resources = [
    ...destinations,
    ...commands,
    ...(kind === 'config-change' ? [call.name, ...otherValues(args)] : []),
  ];
  const readOnlyHttp =
    kind === 'http-request' &&
    (method === undefined || method === 'GET' || method === 'HEAD') &&
    !argNames.has('body');
  const reversibility: Reversibility =
    IRREVERSIBLE.has(kind) || (kind === 'http-request' && !readOnlyHttp) ? 'irreversible' : 'reversible';
  return { kind, destinations, payload, itemIds, resources, method, reversibility };
}

function destinationsOf(
  kind: GuardActionKind,
  pick: (names: readonly string[]) => string[],
  commands: readonly string[],
): string[] {
  if (kind === 'http-request') return pick(URL_ARGS);
  if (kind === 'file-write' || kind === 'file-read' || kind === 'file-delete') return pick(PATH_ARGS);
  if (kind === 'shell') return commands.flatMap(hostsIn);
  return pick(RECIPIENT_ARGS).flatMap(splitRecipients);
}

function lowerKeys(args: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(args ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Every string in a value (strings, numbers, arrays, nested objects), for reading loosely typed arguments. */
function strings(value: unknown, depth = 0): string[] {
  if (value === undefined || value === null || depth > 4) return [];
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, depth + 1));
  if (typeof value === 'object') return Object.values(value).flatMap((v) => strings(v, depth + 1));
  return [];
}

function otherValues(args: Map<string, unknown>): string[] {
  return [...args.entries()].flatMap(([k, v]) => [k, ...strings(v)]);
}

// URLs, `user@host:` (scp, rsync) and the host after nc, ssh, scp, ftp and the like.
const HOST_IN_COMMAND =
  /\bhttps?:\/\/[^\s'"<>]+|\b[\w.-]+@([\w-]+(?:\.[\w-]+)+):|\b(?:nc|ncat|ssh|scp|rsync|ftp|sftp|telnet)\s+(?:-\S+\s+)*([\w-]+(?:\.[\w-]+)+)/gi;

/** The URLs and hosts a shell command reaches. */
function hostsIn(command: string): string[] {
  return [...command.matchAll(HOST_IN_COMMAND)].map((m) => m[1] ?? m[2] ?? m[0]);
}

/** `a@x.com, b@y.com; Name <c@z.com>` → the addresses (or names when there is no address). */
function splitRecipients(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((part) => part.match(/<([^>]+)>/)?.[1] ?? part)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
