/**
 * One file field of a `multipart/form-data` body, as a stream of its bytes (issue 15 §1: an upload
 * goes to disk as it arrives, never whole into memory as `request.formData()` would put it). The
 * parsing is busboy's; this module picks the field, skips the other parts and reads the whole body to
 * its end, so the client always gets the answer (a 413 from the caller's size count included).
 * Throws `MultipartError` on a body that is not well-formed multipart; an error of the request body
 * itself (adapter-node's 413 over BODY_SIZE_LIMIT, a client gone) is rethrown as it is.
 */
import busboy from 'busboy';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export class MultipartError extends Error {
  override name = 'MultipartError';
}

export interface MultipartFileInfo {
  /** The field's file name as the browser sent it; null until (and unless) the field is seen. */
  fileName: string | null;
}

export function boundaryOf(contentType: string): string | null {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

function parserFor(boundary: string): busboy.Busboy {
  try {
    return busboy({
      headers: { 'content-type': `multipart/form-data; boundary="${boundary.replace(/["\\]/g, '\\$&')}"` },
      // Browsers send the file name as raw UTF-8 (名录.csv); busboy would read it as Latin-1.
      defParamCharset: 'utf8',
    });
  } catch (e) {
    throw new MultipartError((e as Error).message);
  }
}

/** Yields the bytes of the first part named `field` that carries a file name. */
export async function* multipartFile(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  field: string,
  info: MultipartFileInfo,
): AsyncGenerator<Uint8Array> {
  const parser = parserFor(boundary);
  const input = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const inputDone = new Promise<void>((resolve) => input.once('close', resolve));
  /** The first failure: the request body's own error as it is, else the parser's as MultipartError. */
  let failure: unknown;
  let foundFile: (file: Readable | null) => void = () => {};
  const found = new Promise<Readable | null>((resolve) => (foundFile = resolve));
  const parsed = new Promise<void>((resolve) => {
    input.on('error', (e) => {
      failure ??= e;
      parser.destroy();
      resolve();
    });
    parser.on('error', (e: Error) => {
      failure ??= new MultipartError(e.message);
      // Read the rest of the body anyway, so the client is still there for the 400.
      input.unpipe(parser);
      input.resume();
      void inputDone.then(resolve);
    });
    parser.on('close', resolve);
  });
  void parsed.then(() => foundFile(null));
  parser.on('file', (name, stream, meta) => {
    if (info.fileName === null && name === field && meta.filename !== undefined) {
      info.fileName = meta.filename.replace(/%22/g, '"');
      foundFile(stream);
    } else stream.resume(); // another file: read and dropped
  });
  input.pipe(parser);

  let finished = false;
  try {
    const file = await found;
    if (file) {
      try {
        for await (const chunk of file) yield chunk as Buffer;
      } catch (e) {
        // The file was cut short: `failure` says why once the parser has settled.
        await parsed;
        throw failure ?? new MultipartError((e as Error).message);
      }
    }
    await parsed;
    if (failure !== undefined) throw failure;
    finished = true;
  } finally {
    if (!finished) {
      // The consumer stopped early or something failed: drop the parse, drain what is left.
      input.unpipe(parser);
      parser.destroy();
      input.resume();
    }
  }
}
