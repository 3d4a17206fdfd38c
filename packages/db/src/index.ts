export { createDb, type Database, type DbConfig } from './client.js';
export { migrateToLatest, pendingMigrations, type MigrateResult } from './migrate.js';
export { prepareDatabase, type PreparedDatabase } from './prepare.js';
export { canConnect, databaseName, ensureDatabase, withDatabase } from './server.js';
export type * from './generated/db.js';
export { hashPassword, verifyPassword } from './password.js';
export {
  heartbeatOf,
  latestHeartbeat,
  recordHeartbeat,
  type HeartbeatInput,
  type WorkerHeartbeatRow,
} from './repositories/heartbeat.repository.js';
export {
  findAccountByUsername,
  findActiveAccountById,
  findRoleGrants,
  type AccountSummary,
  type LoginAccount,
  type RoleGrant,
} from './repositories/account.repository.js';
export {
  endSession,
  endUserSessions,
  findSessionWithUser,
  touchSession,
  type NewSession,
  type SessionWithUser,
} from './repositories/session.repository.js';
export { findSessionCached, noteSessionTouched, SESSION_CACHE_MS } from './repositories/session-cache.js';
export {
  changeListenerOf,
  listenForChanges,
  ROLLUP_CHANNEL,
  SESSION_CHANNEL,
  type ChangeListener,
} from './repositories/change-listener.js';
export {
  cachedBrigades,
  cachedOnRollups,
  cachedPoliceStations,
  currentRollupGeneration,
  DASHBOARD_UNITS_MAX_AGE_MS,
  rollupGeneration,
} from './repositories/dashboard-rollup-cache.js';
export * from './repositories/dashboard.repository.js';
export * from './repositories/dashboard-rows.repository.js';
export * from './repositories/dashboard-supervision.repository.js';
export * from './use-cases/dashboard.use-case.js';
export {
  dirtyRollupCount,
  rollupCellCount,
  rollupCoverageByStation,
  rollupExceptions,
  rollupRectificationFunnel,
  rollupRegimeCounts,
  rollupRegimeCountsOver,
  type RollupPacing,
} from './repositories/dashboard-rollup.repository.js';
export {
  ROLLUP_REFRESH_BATCH,
  WORKER_ROLLUP_PACING,
  rebuildDashboardRollups,
  refreshDashboardRollups,
  type RollupRebuildResult,
  type RollupRefreshResult,
} from './use-cases/dashboard-rollup.use-case.js';
export {
  DEFAULT_BATCH_SIZE,
  batches,
  countEntities,
  findEntityByCode,
  findOfficerByCode,
  insertBrigades,
  insertEntities,
  insertOfficers,
  insertPoliceStations,
  listBrigades,
  listOfficers,
  listPoliceStations,
  type BatchOptions,
  type EntityCountFilter,
  type EntityRow,
  type NewBrigade,
  type NewEntity,
  type NewOfficer,
  type NewPoliceStation,
  type OfficerRow,
} from './repositories/registry.repository.js';
export {
  insertHazards,
  insertInspectionOfficers,
  insertInspectionRecords,
  insertInspections,
  insertPenalties,
  insertRectifications,
  type InsertedInspectionRecords,
  type NewHazard,
  type NewInspection,
  type NewInspectionOfficer,
  type NewInspectionRecord,
  type NewPenalty,
  type NewRectification,
} from './repositories/inspection.repository.js';
export * from './seed/index.js';
export * from './repositories/calendar.repository.js';
export {
  PACKAGE_FIRST_YEAR,
  PACKAGE_LAST_YEAR,
  VERIFIED_YEARS,
  packageCalendarDays,
  type StatutoryDay,
} from './calendar/chinese-days-source.js';
export * from './repositories/calendar-import.repository.js';
export * from './repositories/obligation.repository.js';
export * from './repositories/worker-ledger.repository.js';
export * from './repositories/draw-failure.repository.js';
export * from './repositories/roster.repository.js';
export * from './repositories/audit.repository.js';
export * from './repositories/login-throttle.repository.js';
export {
  accountSnapshot,
  addRoleGrant,
  createAccount,
  consumeTotpStep,
  enableTotp,
  findAccountById,
  findStoredRoleGrants,
  listAccounts,
  recentPasswordHashes,
  removeRoleGrant,
  resetTotp,
  setAccountDisabled,
  setPassword,
  setPendingTotpSecret,
  usernameTaken,
  type AccountListRow,
  type AccountSnapshot,
  type NewAccount,
  type StoredRoleGrant,
} from './repositories/account.repository.js';
export { replaceUserSessions, type LoginNotice, type SessionStage } from './repositories/session.repository.js';
export {
  DrawError,
  createDraw,
  executeFrozenDraw,
  findDraw,
  freezeCreatedDraw,
  getDrawRecord,
  listDraws,
  loadDrawFrame,
  listDrawSummaries,
  findDrawSummary,
  listRedrawRequests,
  replacementOf,
  spotChecksDrawnInYear,
  type DrawSummary,
  type RedrawRequestRow,
  type RedrawRequestStatus,
  type CreateDrawInput,
  type CreatedDraw,
  type DrawErrorCode,
  type DrawRow,
  type DrawStatus,
  type ExecuteDrawOptions,
  type ExecutedDraw,
  type RedrawInput,
  type TaskResult,
} from './repositories/draw.repository.js';
export { storedExclusionCount } from './repositories/draw-exclusions.js';
export { DRAW_TASK_BATCH, INLINE_DRAW_TASKS } from './repositories/draw-tasks.js';
export { createPendingDrawTasks, type PendingDrawTasksResult } from './use-cases/draw-tasks.use-case.js';
export {
  KEY_CHUNK_TARGETS,
  KEY_THREADS_MIN_KEYS,
  candidateKeyBlocks,
  keyThreadsRunning,
  type CandidateKeyBlock,
  type CandidateKeyBlockOptions,
} from './repositories/draw-ticket-keys.js';
export * from './repositories/alert.repository.js';
export * from './repositories/registry-admin.repository.js';
export * from './repositories/registry-import.repository.js';
export * from './import/registry-file.js';
export * from './import/upload-store.js';
export * from './use-cases/registry-upload.use-case.js';
export { auditActor, type Actor } from './use-cases/actor.js';
export * from './repositories/service-setting.repository.js';
export { setInServiceFrom, type SetInServiceResult } from './use-cases/in-service.use-case.js';
export * from './use-cases/roster-change.use-case.js';
export * from './use-cases/leave-replacement.use-case.js';
export * from './repositories/plan.repository.js';
export * from './export/plan-file.js';
export * from './export/dashboard-file.js';
export {
  DRAW_AUDIT,
  createCampaignDraw,
  decideRedraw,
  executeDraw,
  redrawApprovedByOfficer,
  requestRedraw,
  type CreateCampaignDrawInput,
  type CreatedCampaignDraw,
  type ExecuteDrawUseCaseOptions,
  type OfficerApprovedRedrawInput,
  type RedrawDecisionInput,
} from './use-cases/draw.use-case.js';
export * from './use-cases/inbox.use-case.js';
export * from './use-cases/account.use-case.js';
export * from './use-cases/calendar-import.use-case.js';
export * from './use-cases/backup.use-case.js';
export * from './repositories/rectification.repository.js';
export * from './use-cases/rectification.use-case.js';
export * from './use-cases/inspection-record.use-case.js';
// Reads of the record's rows, for the case file (rectification, penalties) built on a closed record.
export {
  findRecordInspection,
  listChecklistResults,
  listRecordHazards,
  listRecordOfficers,
} from './repositories/inspection-record.repository.js';
export type {
  ChecklistResultRow,
  HazardPhotoRow,
  RecordHazardRow,
  RecordInspectionRow,
  RecordOfficerRow,
} from './repositories/inspection-record.repository.js';
export * from './repositories/penalty.repository.js';
export {
  recordPenalty,
  penaltyFormCase,
  penaltyRecordAccess,
  readPenalty,
  PENALTY_FACTS_MAX,
  PENALTY_NAME_MAX,
  PENALTY_NOTE_MAX,
  type IndividualFineInput,
  type RecordPenaltyInput,
  type RecordPenaltyResult,
  type PenaltyReason,
  type PenaltyRefusalCode,
} from './use-cases/penalty.use-case.js';
export {
  loadOfficerTasks,
  TASKS_PER_GROUP,
  type OfficerTask,
  type OfficerTaskQuery,
  type OfficerTasks,
  type TaskGroupRows,
} from './repositories/task.repository.js';
export { ENTITY_FILE_LIMIT, loadEntityFile, type EntityFile } from './repositories/entity-file.repository.js';
export * from './roles/app-role.js';
export * from './use-cases/event-application.use-case.js';
export * from './repositories/event.repository.js';
export * from './use-cases/road-permit.use-case.js';
export * from './repositories/road-permit.repository.js';
export { officerOfUser } from './repositories/inspection-record.repository.js';
export * from './use-cases/station-report.use-case.js';
export * from './repositories/station-report.repository.js';
export * from './use-cases/complaint.use-case.js';
export {
  complaintReplyDays,
  findComplaint,
  listComplaints,
  openComplaintsForAlerts,
  type ComplaintRow,
} from './repositories/complaint.repository.js';
export * from './use-cases/supervision-case.use-case.js';
export {
  caseFileLines,
  findCase,
  listCases,
  type CaseFileLine,
  type CaseRow,
} from './repositories/supervision-case.repository.js';
export * from './use-cases/credit-grade.use-case.js';
export {
  creditCandidates,
  listCreditGrades,
  type CreditGradeRow,
  type CreditRecord,
  type CreditScope,
} from './repositories/credit-grade.repository.js';
export * from './export/credit-file.js';
export * from './use-cases/window-service.use-case.js';
export {
  windowComplaints,
  windowMonth,
  windowThresholds,
  type WindowComplaintRow,
  type WindowStaffMonth,
} from './repositories/window-service.repository.js';
