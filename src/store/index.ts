export { defaultStorePath } from './default-store-path.ts';
export type { GuardAuditTable } from './guard-audit-table.ts';
export type { OpenStoreOptions } from './open-store.ts';
export { openStore } from './open-store.ts';
export { peekSampleStates, type SampleState } from './peek-sample-states.ts';
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
  AbandonedAttemptInput,
  AddSamplesResult,
  CachedResponseInput,
  CompleteSampleInput,
  ErrorKindCount,
  FailSampleInput,
  ModelCost,
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
