export { APPROVALS_PATH } from './approvals-admin.ts';
export { DEFAULT_UPSTREAM_TIMEOUT_MS, parseUpstreamUrl } from './forward-request.ts';
export { isLoopbackHost } from './proxy-access.ts';
export { SESSION_HEADER } from './proxy-sessions.ts';
export { type GuardProxy, type GuardProxyOptions, startGuardProxy } from './start-guard-proxy.ts';
export { UNREADABLE_ANSWER_RULE, unreadableAnswerAuditEntry } from './unreadable-answer-audit-entry.ts';
