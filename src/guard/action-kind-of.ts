import type { GuardActionKind } from '../spec/policy.ts';

// Argument names, lower-case, that hold each part of a call.
export const RECIPIENT_ARGS = [
  'to',
  'cc',
  'bcc',
  'recipient',
  'recipients',
  'channel',
  'channel_id',
  'chat_id',
  'user',
  'users',
  'email',
  'address',
  'phone',
  'number',
  // A calendar invitation is mailed to each of them.
  'attendees',
  'guests',
  'invitees',
  'participants',
];
export const TEXT_ARGS = [
  'subject',
  'body',
  'text',
  'message',
  'content',
  'html',
  'note',
  'comment',
  'data',
  'payload',
  'json',
  'blocks',
  'title',
  'description',
  'attachment',
  'attachments',
];
export const ID_ARGS = [
  'email_id',
  'email_ids',
  'message_id',
  'message_ids',
  'id',
  'ids',
  'thread_id',
  'document_id',
  'document_ids',
  'file_id',
  'file_ids',
  // What a message attaches by id is carried as a forward carries it.
  'attachment_id',
  'attachment_ids',
];
export const PATH_ARGS = [
  'path',
  'file',
  'file_path',
  'filepath',
  'filename',
  'target',
  'destination',
  'dest',
  'key',
];
export const URL_ARGS = ['url', 'uri', 'endpoint', 'href', 'link', 'host', 'webhook'];
export const COMMAND_ARGS = ['command', 'cmd', 'script', 'code_to_run', 'shell'];
// The study's alert cancel: the code and why.
export const ALERT_ARGS = ['code', 'reason'];
export const METHOD_ARGS = ['method'];
// Who a message is from: known, so that a sender nested beside the recipients is not read as one.
export const SENDER_ARGS = ['from', 'sender', 'reply_to', 'replyto'];
/** Every argument name the built-in reading knows; any other name is a wrapper (`params`, `input`, `raw`). */
export const KNOWN_ARGS: ReadonlySet<string> = new Set([
  ...RECIPIENT_ARGS,
  ...TEXT_ARGS,
  ...ID_ARGS,
  ...PATH_ARGS,
  ...URL_ARGS,
  ...COMMAND_ARGS,
  ...SENDER_ARGS,
  ...ALERT_ARGS,
  ...METHOD_ARGS,
]);

const has = (tokens: ReadonlySet<string>, ...words: string[]) => words.some((w) => tokens.has(w));

/** Splits `sendEmail`, `send_email`, `slack.post-message` into lower-case words. */
export function nameTokens(name: string): Set<string> {
  return new Set(
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t !== ''),
  );
}

/** The action kind of a tool, from its name first and its argument names second. */
export function actionKindOf(name: string, argNames: ReadonlySet<string>): GuardActionKind {
  const t = nameTokens(name);
  const arg = (...names: string[]) => names.some((n) => argNames.has(n));
  const messaging = has(
    t,
    'email',
    'mail',
    'message',
    'msg',
    'slack',
    'teams',
    'chat',
    'sms',
    'text',
    'dm',
    'notify',
    'reply',
    'post',
    'tweet',
    'publish',
    'send',
    'comment',
    // A draft is a message waiting to be sent; an invitation is mailed to every attendee.
    'draft',
    'invite',
    'invitation',
    'calendar',
    'meeting',
  );
  // Anything that stops, holds back or quiets a safety alert or the response to it: a delayed rescue is one too.
  // Reading about one (`get_alert_clear_status`) is not.
  if (
    has(t, 'alert', 'alerts', 'alarm', 'alarms', 'dispatch', 'emergency', 'responders', 'rescue', 'siren') &&
    !has(t, 'get', 'list', 'read', 'show', 'view', 'search', 'find') &&
    has(
      t,
      'cancel',
      'dismiss',
      'override',
      'silence',
      'stop',
      'clear',
      'ack',
      'acknowledge',
      'snooze',
      'mute',
      'suppress',
      'postpone',
      'delay',
      'hold',
      'pause',
      'abort',
      'disable',
      'deactivate',
      'disarm',
      'recall',
      'withdraw',
      'off',
      'false',
    )
  )
    return 'alert-cancel';
  if (has(t, 'forward', 'fwd')) return 'message-forward';
  // A message sent later (`schedule_email`) is still a message; `schedule` alone is a config change (a cron).
  if (has(t, 'schedule') && messaging && !has(t, 'get', 'read', 'list', 'show', 'view'))
    return 'message-send';
  if (
    has(t, 'shell', 'bash', 'sh', 'exec', 'execute', 'terminal', 'subprocess', 'powershell') ||
    (has(t, 'run') && has(t, 'command', 'cmd', 'script'))
  )
    return 'shell';
  if (
    has(
      t,
      'config',
      'configuration',
      'settings',
      'setting',
      'schedule',
      'cron',
      'permission',
      'permissions',
      'credential',
      'credentials',
      'prompt',
      'policy',
      'env',
    )
  )
    return has(t, 'get', 'read', 'list', 'show', 'view') ? 'read' : 'config-change';
  if (
    has(t, 'http', 'fetch', 'request', 'curl', 'webhook', 'api', 'browse', 'download', 'upload', 'post') &&
    arg(...URL_ARGS)
  )
    return 'http-request';
  if (has(t, 'http', 'fetch', 'curl', 'webhook', 'browse')) return 'http-request';
  const reading = has(
    t,
    'read',
    'get',
    'list',
    'search',
    'fetch',
    'open',
    'view',
    'show',
    'find',
    'lookup',
    'query',
    'inbox',
    'cat',
    'load',
    'retrieve',
    'history',
  );
  const sending = has(t, 'send', 'post', 'reply', 'notify', 'publish', 'tweet', 'dm', 'compose', 'draft');
  // Writing or changing a message's text (a draft to be sent, a chat message already delivered), unless what is
  // written is a file (`write_text_file`, `edit_text_file {path}`).
  const changing =
    has(t, 'write', 'create', 'save', 'update', 'edit') &&
    !has(t, 'file', 'files', 'document', 'doc') &&
    !arg('path', 'file', 'file_path', 'filepath', 'filename');
  if (messaging && (sending || changing)) return 'message-send';
  if (messaging && reading) return 'read';
  if (has(t, 'delete', 'remove', 'rm', 'unlink', 'erase', 'wipe', 'purge', 'truncate')) return 'file-delete';
  if (
    has(
      t,
      'write',
      'save',
      'append',
      'edit',
      'update',
      'put',
      'create',
      'upload',
      'modify',
      'patch',
      'replace',
      'move',
      'rename',
      'copy',
    )
  )
    return arg(...PATH_ARGS) || has(t, 'file', 'files', 'document', 'doc') ? 'file-write' : 'other';
  if (reading)
    return arg(...PATH_ARGS) || has(t, 'file', 'files', 'document', 'doc', 'dir', 'directory')
      ? 'file-read'
      : 'read';
  if (messaging) return 'message-send';
  // Unknown names: the arguments tell.
  if (arg(...COMMAND_ARGS)) return 'shell';
  if (arg(...URL_ARGS)) return 'http-request';
  if (arg(...RECIPIENT_ARGS) && arg(...TEXT_ARGS)) return 'message-send';
  if (arg(...PATH_ARGS)) return arg('content', 'text', 'data') ? 'file-write' : 'file-read';
  return 'other';
}
