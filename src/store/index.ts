export { defaultStorePath } from './default-store-path.ts';
export type { OpenStoreOptions } from './open-store.ts';
export { openStore } from './open-store.ts';
export type {
  PageRequest,
  SampleFacets,
  SampleFilter,
  SampleListItem,
  SampleOutcome,
  SamplePage,
} from './sample-page.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { silenceSqliteWarning } from './silence-sqlite-warning.ts';
export type { PendingOptions } from './store.ts';
export { Store } from './store.ts';
export type {
  AddSamplesResult,
  CompleteSampleInput,
  FailSampleInput,
  NewRun,
  NewSample,
  RateRow,
  RunRecord,
  RunSummary,
  RunVersions,
  SampleDetail,
  SampleRecord,
  SampleStatus,
  StoredVerdict,
} from './types.ts';
