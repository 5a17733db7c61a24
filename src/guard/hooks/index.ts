export { type Enforcement, type EnforceToolCallOptions, enforceToolCall } from './enforce-tool-call.ts';
export { type GuardMiddlewareOptions, guardMiddleware } from './guard-middleware.ts';
export type {
  GuardDecisionKind,
  GuardDecisionLike,
  GuardObservation,
  GuardSessionPort,
  GuardToolCall,
} from './guard-port.ts';
export { type GuardToolsOptions, guardTools } from './guard-tools.ts';
export { refusalText } from './refusal-text.ts';
