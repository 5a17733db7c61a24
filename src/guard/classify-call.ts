import type { GuardActionKind, Reversibility, ToolShape } from '../spec/policy.ts';
import {
  ALERT_ARGS,
  actionKindOf,
  COMMAND_ARGS,
  ID_ARGS,
  KNOWN_ARGS,
  METHOD_ARGS,
  nameTokens,
  PATH_ARGS,
  RECIPIENT_ARGS,
  SENDER_ARGS,
  TEXT_ARGS,
  URL_ARGS,
} from './action-kind-of.ts';
import { type ArgumentValue, readArguments } from './read-arguments.ts';

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
  /**
   * Items the call forwards or refers to by id (`email_id`), and the files it sends by path (an upload's
   * `file_path`, a message's `attachments`, `curl -F file=@path`): a document the session read under that id or
   * path goes with the call, as a forwarded email does.
   */
  readonly itemIds: readonly string[];
  /** Paths, URLs and commands: what oversight rules look at. */
  readonly resources: readonly string[];
  readonly method: string | undefined;
  readonly reversibility: Reversibility;
  /** True when the arguments ran past the reading budget (`ARGUMENT_BUDGET`): part of the call was not read. */
  readonly unread: boolean;
  /** Every value read, whatever its name: where a code the session learned may turn up (`{ id: 'EXEC-4429' }`). */
  readonly values: readonly string[];
}

const IRREVERSIBLE: ReadonlySet<GuardActionKind> = new Set([
  'message-send',
  'message-forward',
  'file-delete',
  'shell',
  'alert-cancel',
]);

// Addresses say where a message goes, not what it says; ids and methods are not text either.
const ADDRESS: ReadonlySet<string> = new Set([...RECIPIENT_ARGS, ...SENDER_ARGS]);
const NOT_TEXT: ReadonlySet<string> = new Set([...ADDRESS, ...ID_ARGS, ...METHOD_ARGS]);

/** A value with the nearest known argument name on its path (`params.email.to` → `to`). */
interface Located extends ArgumentValue {
  readonly name: string | undefined;
}

/**
 * Reads a tool call into what it does. Custom shapes from the policy come first; then the built-in
 * recognisers of email, messaging, file, HTTP, shell, config and the study's `cancel_alert`. Arguments are
 * read at any depth within a budget, so wrappers (`params`, `email`, `message`, `raw`, `input`) hide nothing.
 * @example
 * classifyCall({ id: 'c1', name: 'send_email', arguments: { to: 'a@b.com', body: 'hi' } }).kind; // 'message-send'
 */
export function classifyCall(call: GuardToolCall, shapes: readonly ToolShape[] = []): ClassifiedCall {
  const shape = shapes.find((s) => s.name.toLowerCase() === call.name.toLowerCase());
  const reading = readArguments(call.arguments);
  const named = shape?.kind ?? actionKindOf(call.name, reading.names);
  const known =
    shape === undefined
      ? KNOWN_ARGS
      : new Set([
          ...KNOWN_ARGS,
          ...[shape.destination, shape.payload, shape.ids].flatMap((n) => n ?? []).map(lower),
        ]);
  const located: Located[] = reading.values.map((v) => ({ ...v, name: nearest(v.keys, known) }));
  // A value belongs to the nearest known name on its path: `email: { to, body }` has a recipient and a body.
  const pick = (names: readonly string[]) => {
    const wanted = setOf(names);
    return located.flatMap((v) => (v.name !== undefined && wanted.has(v.name) ? [v.value] : []));
  };
  // A file written to a URL (`upload_file {path, destination: 'https://…'}`) is a request to that host.
  const remote = shape === undefined && named === 'file-write' ? pick(PATH_ARGS).filter(isRemote) : [];
  const kind: GuardActionKind = remote.length > 0 ? 'http-request' : named;
  const message = kind === 'message-send' || kind === 'message-forward';
  // Text is everything under a text name (`data: { rows }` included), less a message's own addresses.
  const textUnder = (names: readonly string[]) => {
    const wanted = setOf(names);
    return located.flatMap((v) =>
      v.keys.some((k) => wanted.has(k)) && !(message && v.name !== undefined && ADDRESS.has(v.name))
        ? [v.value]
        : [],
    );
  };
  const method = pick(METHOD_ARGS)[0]?.toUpperCase();
  // Free text: a custom tool's input, or arguments that were not a JSON object (the hooks keep it as `input`),
  // where no name the guard knows claims it.
  const free = located.flatMap((v) => (v.keys[0] === 'input' && v.name === undefined ? [v.value] : []));
  const commandArgs = kind === 'shell' ? pick(COMMAND_ARGS) : [];
  const commands = commandArgs.length === 0 && kind === 'shell' ? free : commandArgs;
  const destinations =
    shape?.destination !== undefined
      ? pick(shape.destination)
      : remote.length > 0
        ? remote
        : destinationsOf(kind, pick, commands, free);
  // A config change is read whole: every name and value may be the setting that matters.
  const settings = kind === 'config-change' ? [...new Set(located.flatMap((v) => [...v.keys, v.value]))] : [];
  let payload =
    shape?.payload !== undefined
      ? textUnder(shape.payload)
      : kind === 'alert-cancel'
        ? pick(ALERT_ARGS)
        : [
            ...textUnder(TEXT_ARGS),
            ...(kind === 'shell' && commands === free ? [] : free),
            ...commands,
            ...settings,
            // A URL carries data too (`?key=…`).
            ...(kind === 'http-request' ? destinations : []),
          ];
  // A message whose recipients or text were not found has a shape the guard does not know: read all of it.
  if (message && (destinations.length === 0 || payload.length === 0))
    payload = located.flatMap((v) => (v.name !== undefined && NOT_TEXT.has(v.name) ? [] : [v.value]));
  const resources = [
    ...destinations,
    ...commands,
    ...(kind === 'config-change' ? [call.name, ...settings] : []),
  ];
  // A request is a read only when it names a reading method (or none) and carries nothing to send: no body, no
  // free text, and no value under a name that holds text (`webhook_send {payload}` sends its payload).
  // A tool named for sending (`upload_file`, `post_to_url`) or given a file to send is no read either.
  const readOnlyHttp =
    kind === 'http-request' &&
    (method === undefined || method === 'GET' || method === 'HEAD') &&
    !reading.names.has('body') &&
    free.length === 0 &&
    (shape?.payload !== undefined ? textUnder(shape.payload) : textUnder(TEXT_ARGS)).length === 0 &&
    !SENDS.some((word) => nameTokens(call.name).has(word)) &&
    pick(FILE_ARGS).length === 0 &&
    remote.length === 0;
  // What the call sends by path: the files a request uploads, a message attaches, a command that reaches a host
  // names. Only a document the session read under the same path is carried; any other path matches nothing.
  const sentPaths =
    shape?.ids !== undefined
      ? []
      : remote.length > 0
        ? pick(PATH_ARGS).filter((path) => !isRemote(path))
        : kind === 'http-request' && !readOnlyHttp
          ? pick(FILE_ARGS)
          : message
            ? pick(ATTACHMENT_ARGS)
            : kind === 'shell' && destinations.length > 0
              ? commands.flatMap(pathsIn)
              : [];
  const itemIds = [...pick(shape?.ids ?? ID_ARGS), ...sentPaths];
  const reversibility: Reversibility =
    IRREVERSIBLE.has(kind) || (kind === 'http-request' && !readOnlyHttp) ? 'irreversible' : 'reversible';
  return {
    kind,
    destinations,
    payload,
    itemIds,
    resources,
    method,
    reversibility,
    unread: reading.truncated,
    values: reading.values.map((v) => v.value),
  };
}

function destinationsOf(
  kind: GuardActionKind,
  pick: (names: readonly string[]) => string[],
  commands: readonly string[],
  free: readonly string[],
): string[] {
  if (kind === 'shell') return commands.flatMap(hostsIn);
  if (kind === 'file-write' || kind === 'file-read' || kind === 'file-delete') return pick(PATH_ARGS);
  const named = kind === 'http-request' ? pick(URL_ARGS) : pick(RECIPIENT_ARGS).flatMap(splitRecipients);
  if (named.length > 0 || free.length === 0) return named;
  // Free text names its destinations in passing: the URLs a request, the addresses a message is written to.
  const found = kind === 'http-request' ? URL_IN_TEXT : MESSAGE_KINDS.has(kind) ? ADDRESS_IN_TEXT : undefined;
  return found === undefined ? named : free.flatMap((text) => [...text.matchAll(found)].map((m) => m[0]));
}

function nearest(keys: readonly string[], known: ReadonlySet<string>): string | undefined {
  for (let i = keys.length - 1; i >= 0; i--) if (known.has(keys[i]!)) return keys[i];
  return undefined;
}

const MESSAGE_KINDS: ReadonlySet<GuardActionKind> = new Set(['message-send', 'message-forward']);

// Words in a tool's name that say its request sends or changes something.
const SENDS = ['upload', 'post', 'put', 'patch', 'send', 'submit', 'push', 'publish', 'delete'];
// Arguments that hand a request a file to send (not `path`, which may be the URL's own path).
const FILE_ARGS = ['file', 'files', 'file_path', 'filepath', 'filename'];
// Arguments that attach a file to a message by its path.
const ATTACHMENT_ARGS = [...FILE_ARGS, 'path', 'attachment', 'attachments'];

/** A URL a file can be written to over the network: http(s) or ftp, not a local or cloud-storage path. */
function isRemote(value: string): boolean {
  return /^(?:https?|ftps?|sftp):\/\/[^/\s]/i.test(value);
}

// A path in a command: absolute, home or relative with a slash, quoted whole or unquoted after a space, `=` or
// `@` (`curl -F file=@/srv/spec.pdf`); never the path of a URL or of `host:path`.
const PATH_IN_COMMAND =
  /(?<=^|[\s=@])(?:"((?:~|\.{1,2})?\/[^"]+)"|'((?:~|\.{1,2})?\/[^']+)'|((?:~|\.{1,2})?\/[^\s'"|;&<>()]+))/g;

/** The file paths a shell command names. */
function pathsIn(command: string): string[] {
  return [...command.matchAll(PATH_IN_COMMAND)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s'"<>]+/gi;
const ADDRESS_IN_TEXT = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const lower = (name: string) => name.toLowerCase();

// The built-in lists and a policy's shapes are the same arrays on every call: make each set once.
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
function setOf(names: readonly string[]): ReadonlySet<string> {
  let set = sets.get(names);
  if (set === undefined) {
    set = new Set(names.map(lower));
    sets.set(names, set);
  }
  return set;
}

// URLs, `user@host:` (scp, rsync), the host after nc, ssh, scp, ftp and the like, and email addresses (`mail`,
// `sendmail`, `mutt` send to them).
const HOST_IN_COMMAND =
  /\bhttps?:\/\/[^\s'"<>]+|\b[\w.-]+@([\w-]+(?:\.[\w-]+)+):|\b(?:nc|ncat|ssh|scp|rsync|ftp|sftp|telnet)\s+(?:-\S+\s+)*([\w-]+(?:\.[\w-]+)+)|\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\b/gi;

/** The URLs, hosts and email addresses a shell command reaches. */
function hostsIn(command: string): string[] {
  return [...command.matchAll(HOST_IN_COMMAND)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[0]);
}

/** `a@x.com, b@y.com; Name <c@z.com>` → the addresses (or names when there is no address). */
function splitRecipients(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((part) => part.match(/<([^>]+)>/)?.[1] ?? part)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
