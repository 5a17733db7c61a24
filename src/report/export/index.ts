export { csvCell } from './csv-cell.ts';
export { type ExportedSample, eachSample } from './each-sample.ts';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportResult,
  type ExportRunOptions,
  type ExportStreamResult,
  type ExportToStreamOptions,
  exportRun,
  exportRunToStream,
} from './export-run.ts';
export {
  type InspectEvalLog,
  type InspectSample,
  inspectEvalLogSchema,
  inspectSampleSchema,
} from './inspect-log-schema.ts';
export { CSV_COLUMNS } from './to-csv-row.ts';
export { type ExportRecord, toExportRecord } from './to-export-record.ts';
