import type { SampleError, VerdictValue } from '../spec/index.ts';

/** What the engine reports while it runs; names are noun-then-action. */
export type RunEvent =
  | { readonly type: 'run-start'; readonly runId: string; readonly total: number; readonly pending: number }
  | {
      readonly type: 'sample-complete';
      readonly sampleId: string;
      readonly model: string;
      readonly value: VerdictValue;
    }
  | {
      readonly type: 'sample-error';
      readonly sampleId: string;
      readonly model: string;
      readonly error: SampleError;
    }
  | {
      readonly type: 'run-end';
      readonly runId: string;
      readonly completed: number;
      readonly errors: number;
      readonly stopped: boolean;
    };
