/**
 * Event logs: ingestion, vocabulary, merging, audit and the simulated shop.
 *
 * @module data
 */
export { ChurnkitError } from '../internal/errors.js';
export type { ErrorCode, ErrorDetails } from '../internal/errors.js';
export type { AttrValue, EventInput, IngestOptions, IngestReport, OnInvalid, RejectedRow, Role, Vocabulary, VocabularyInput } from './types.js';
export { EventLog } from './EventLog.js';
export type { AttrColumn, EventFilter, EventRecord, TimeInput } from './EventLog.js';
export { EventLogBuilder } from './EventLogBuilder.js';
export type { EventLogBuilderOptions } from './EventLogBuilder.js';
export { createEventLog } from './createEventLog.js';
export type { CreateEventLogOptions } from './createEventLog.js';
export { createEventLogAsync } from './createEventLogAsync.js';
export { DEFAULT_VOCABULARY, ROLES, resolveVocabulary } from './vocabulary.js';
export { mergeEventLogs, mergeEventLogsWithReport } from './mergeEventLogs.js';
export type { DedupeOptions, DuplicatePair, MergeOptions, MergeReport } from './mergeEventLogs.js';
export { resolveIdentities } from './IdentityMap.js';
export type { IdentityLink, IdentityMap, IdentityResolver } from './IdentityMap.js';
export { parseEventsCsv } from './parseEventsCsv.js';
export type { CsvOptions } from './CsvOptions.js';
export { parseEventsNdjson } from './parseEventsNdjson.js';
export { validateColumnMapping } from './ColumnMapping.js';
export type { AttrMapping, ColumnMapping, ColumnRef, NumberMapping, TimeFormat, TypeMapping, TypeRule, ValueMapping } from './ColumnMapping.js';
export { auditEvents } from './auditEvents.js';
export type { AttrCoverage, AuditFinding, AuditOptions, DataQualityReport, FieldCompleteness, FindingCode, FindingSeverity, SourceSummary, TypeSummary } from './auditEvents.js';
export { formatAuditReport } from './formatAuditReport.js';
export { CustomerTable, createCustomerTable } from './CustomerTable.js';
export type { CustomerColumn, CustomerColumnKind, CustomerTableOptions } from './CustomerTable.js';
export { simulateShop } from './simulateShop.js';
export type { ChurnCause, CustomerTruth, ResolvedSimulateShopOptions, ShopTruth, SimulatedShop, SimulateShopOptions, ValueSegment } from './simulateShop.js';
