import type { ProcessorRegistration } from '../processor-context.js';
import { createDrawTasksProcessor } from './create-draw-tasks.processor.js';
import { deliverReminderProcessor } from './deliver-reminder.processor.js';
import { importRegistryProcessor } from './import-registry.processor.js';
import { parseRegistryUploadProcessor } from './parse-registry-upload.processor.js';
import { reconcileBatchProcessor } from './reconcile-batch.processor.js';
import { reconcileObligationsProcessor } from './reconcile-obligations.processor.js';
import { refreshDashboardRollupsProcessor } from './refresh-dashboard-rollups.processor.js';
import { scanAlertsProcessor } from './scan-alerts.processor.js';
import { workerHeartbeatProcessor } from './worker-heartbeat.processor.js';

/** Every processor of this worker; the registry checks this list against the job catalogue. */
export const processors: readonly ProcessorRegistration[] = [
  workerHeartbeatProcessor as ProcessorRegistration,
  reconcileObligationsProcessor as ProcessorRegistration,
  reconcileBatchProcessor as ProcessorRegistration,
  scanAlertsProcessor as ProcessorRegistration,
  deliverReminderProcessor as ProcessorRegistration,
  importRegistryProcessor as ProcessorRegistration,
  refreshDashboardRollupsProcessor as ProcessorRegistration,
  parseRegistryUploadProcessor as ProcessorRegistration,
  createDrawTasksProcessor as ProcessorRegistration,
];
