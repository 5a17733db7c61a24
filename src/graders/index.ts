export { detectBlackmail } from './detectors/detect-blackmail.ts';
export { detectLeaking } from './detectors/detect-leaking.ts';
export { detectLethal } from './detectors/detect-lethal.ts';
export type { Detector, DetectorResult } from './detectors/detector.ts';
export { gradeCase } from './grade-case.ts';
export { type GradeJsonlOptions, type GradeJsonlSummary, gradeJsonl } from './grade-jsonl.ts';
export { DETECTOR_VERSION, DETECTORS, type GradeSampleOptions, gradeSample } from './grade-sample.ts';
export { GraderError } from './grader-error.ts';
export { resolveCaseScenario } from './resolve-case-scenario.ts';
