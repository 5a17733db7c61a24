export { formatEmails } from './format-emails.ts';
export { parseInboxResponse } from './parse-inbox-response.ts';
export { type RunAgentOptions, runAgent } from './run-agent.ts';
export { type SampleErrorKind, SampleFailedError } from './sample-failed-error.ts';
export {
  createSimulatedTools,
  type SentMessage,
  type SimulatedTools,
  type ToolOutcome,
} from './simulated-tools.ts';
export { toSampleFailedError } from './to-sample-failed-error.ts';
export { toolDefinitions } from './tool-definitions.ts';
export type { ToolGate } from './tool-gate.ts';
