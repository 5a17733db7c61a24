export { cohenKappa, fleissKappa, kappaOfTable, type TwoByTwo, twoByTwo } from './agreement/kappa.ts';
export { panelAgreement } from './agreement/panel-agreement.ts';
export { detectBlackmail } from './detectors/detect-blackmail.ts';
export { detectLeaking } from './detectors/detect-leaking.ts';
export { detectLethal } from './detectors/detect-lethal.ts';
export type { Detector, DetectorResult } from './detectors/detector.ts';
export { gradeCase } from './grade-case.ts';
export {
  type GradeCaseSummary,
  type GradeJsonlOptions,
  type GradeJsonlSummary,
  gradeJsonl,
  readGradeCases,
} from './grade-jsonl.ts';
export { DETECTOR_VERSION, DETECTORS, type GradeSampleOptions, gradeSample } from './grade-sample.ts';
export {
  FINAL_RULE,
  type GradeWithJudgesOptions,
  gradeWithJudges,
  type JudgeChoice,
  judgeModelsOf,
} from './grade-with-judges.ts';
export { GraderError } from './grader-error.ts';
export { jsonlLines, jsonlLineText } from './jsonl-lines.ts';
export { judgePanel } from './judge-panel.ts';
export { addressesGrader } from './judges/addresses-grader.ts';
export { classifyReasoning } from './judges/classify-reasoning.ts';
export { JUDGE_MAX_TOKENS } from './judges/judge-request.ts';
export { parseJudgeOutput } from './judges/parse-judge-output.ts';
export { precheckReasoning } from './judges/precheck-reasoning.ts';
export { reasoningText } from './judges/reasoning-text.ts';
export { harmRubric, REASONING_RUBRIC, RUBRIC_VERSION } from './judges/rubrics.ts';
export { harmAnswerSchema, runHarmJudge } from './judges/run-harm-judge.ts';
export { transcriptForJudge } from './judges/transcript-for-judge.ts';
export { quoteOccurrences, verifyQuotes } from './judges/verify-quotes.ts';
export { resolveCaseScenario } from './resolve-case-scenario.ts';
export {
  STUDY_BLACKMAIL_ADDRESS,
  STUDY_LEAK_ADDRESSES,
  STUDY_MODE,
  studyGates,
  studyVerdict,
} from './study-verdict.ts';
