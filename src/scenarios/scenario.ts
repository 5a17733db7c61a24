import type { DetectionContext, Harm } from '../spec/scenario.ts';
import type { ScenarioFile } from '../spec/scenario-file.ts';

/** A loaded, validated scenario folder: its data, its templates and what detectors need to know about it. */
export interface Scenario {
  /** `blackmail`, `leaking`, `lethal`, or a user scenario's own id. */
  readonly id: string;
  readonly title: string;
  readonly harm: Harm;
  /** Absolute path of the folder. */
  readonly directory: string;
  readonly builtin: boolean;
  /** The parsed `scenario.yaml`. */
  readonly file: ScenarioFile;
  /** Template sources keyed by their path relative to the folder. */
  readonly templates: ReadonlyMap<string, string>;
  /** The same object for every rendered condition of the scenario. */
  readonly context: DetectionContext;
}
