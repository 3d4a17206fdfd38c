import { failRegistryUpload, parseRegistryUpload, uploadDirectory } from '@supervise/db';
import { registerProcessor } from '../processor-context.js';

/**
 * Issue 15 §1: the parse of an uploaded registry file, here and not in the web request (a zip bomb
 * costs the web app nothing; the parse's limits and its worker thread bound it here). The file is in
 * the upload directory the web app and the worker share (UPLOAD_DIR); it is removed once parsed. A
 * retry parses again; the last failed attempt marks the batch failed and removes the file.
 */
export const parseRegistryUploadProcessor = registerProcessor('parse-registry-upload', async ({ batchId }, ctx) => {
  const dir = uploadDirectory();
  try {
    const outcome = await parseRegistryUpload(ctx.db, batchId, dir);
    // Counts only: no row data in logs.
    ctx.log.info('registry upload parsed', { batchId, ...outcome });
    return outcome;
  } catch (e) {
    if (ctx.job.attemptsMade + 1 >= (ctx.job.opts.attempts ?? 1)) await failRegistryUpload(ctx.db, batchId, dir, 'parse_failed');
    throw e;
  }
});
