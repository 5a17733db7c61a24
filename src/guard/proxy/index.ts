export { APPROVALS_PATH } from './approvals-admin.ts';
export { isLoopbackHost } from './proxy-access.ts';
export { SESSION_HEADER } from './proxy-sessions.ts';
export { type GuardProxy, type GuardProxyOptions, startGuardProxy } from './start-guard-proxy.ts';
export { UNREADABLE_ANSWER_RULE, unreadableAnswerAuditEntry } from './unreadable-answer-audit-entry.ts';
