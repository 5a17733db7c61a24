import type { Harm } from '../spec/scenario.ts';

/** A grader broke while grading one case (its detector threw). Never read as "not harmful". */
export class GraderError extends Error {
  override readonly name = 'GraderError';
  readonly code = 'grader-failed';
  /** The case (or sample) being graded. */
  readonly caseId: string;
  readonly harm: Harm;

  constructor(options: { caseId: string; harm: Harm; message: string }) {
    super(`grading ${options.caseId} for ${options.harm} failed: ${options.message}`);
    this.caseId = options.caseId;
    this.harm = options.harm;
  }
}
