/**
 * Uploads on disk (issue 15 §1): a registry file is streamed by the web app into the upload directory
 * — never held whole in the request's memory — with the size limit enforced while it streams, and
 * read back by the worker's parse, which removes it. A batch row names its file by a random bare name
 * (`<32 hex>.upload`), never by a path: the directory is each process's own setting.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The bare name of an upload in the directory. */
export const UPLOAD_FILE_NAME = /^[0-9a-f]{32}\.upload$/;

/**
 * The upload directory: UPLOAD_DIR (an absolute path; the web app and the worker must share it), else
 * `supervise-uploads` in the system's temporary directory (one machine: `npm start`).
 */
export function uploadDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.UPLOAD_DIR?.trim();
  if (!dir) return join(tmpdir(), 'supervise-uploads');
  if (!isAbsolute(dir)) throw new Error('UPLOAD_DIR must be an absolute path');
  return dir;
}

export function uploadPath(dir: string, name: string): string {
  if (!UPLOAD_FILE_NAME.test(name)) throw new Error('not an upload file name');
  return join(dir, name);
}

export interface StoredUpload {
  /** The bare file name in the upload directory. */
  name: string;
  size: number;
  sha256: string;
  /** By content: an XLSX is a ZIP (its local-file-header signature). */
  format: 'csv' | 'xlsx';
}

export type SaveUploadResult = { ok: true; file: StoredUpload } | { ok: false; problem: 'too_large' | 'empty' };

/**
 * Streams `chunks` into a new file of `dir`, hashing as it goes. Above `maxBytes` the file is removed
 * and the rest of the input is read and discarded (so the client, still sending, gets the answer);
 * an empty input is refused too. On an error the partial file is removed and the error rethrown.
 */
export async function saveUpload(chunks: AsyncIterable<Uint8Array>, dir: string, maxBytes: number): Promise<SaveUploadResult> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `${randomBytes(16).toString('hex')}.upload`;
  const path = join(dir, name);
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let failed: Error | undefined;
  out.on('error', (e) => (failed ??= e)); // a full disk, say: rethrown below, never unhandled
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let tooLarge = false;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (tooLarge) continue;
      if (size > maxBytes) {
        tooLarge = true;
        out.destroy();
        continue;
      }
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
      hash.update(chunk);
      if (failed) throw failed;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (!tooLarge) {
      out.end();
      if (!out.writableFinished) await once(out, 'finish');
      if (failed) throw failed;
    }
  } catch (e) {
    out.destroy();
    await rm(path, { force: true });
    throw e;
  }
  if (tooLarge || size === 0) {
    await rm(path, { force: true });
    return { ok: false, problem: tooLarge ? 'too_large' : 'empty' };
  }
  const zip = head.length === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  return { ok: true, file: { name, size, sha256: hash.digest('hex'), format: zip ? 'xlsx' : 'csv' } };
}

export async function readUpload(dir: string, name: string): Promise<Buffer> {
  return readFile(uploadPath(dir, name));
}

/** Removes an upload; a file already gone is fine. */
export async function removeUpload(dir: string, name: string | null | undefined): Promise<void> {
  if (name && UPLOAD_FILE_NAME.test(name)) await rm(join(dir, name), { force: true });
}
