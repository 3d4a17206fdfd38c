/**
 * One file field of a `multipart/form-data` body, as a stream of its bytes (issue 15 §1: an upload
 * goes to disk as it arrives, never whole into memory as `request.formData()` would put it). Other
 * fields are skipped; the whole body is read to its end, so the client always gets the answer.
 * Throws `MultipartError` on a body that is not well-formed multipart.
 */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

export interface MultipartFileInfo {
  /** The field's file name as the browser sent it; null until (and unless) the field is seen. */
  fileName: string | null;
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string): string | null {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Yields the bytes of the first part named `field` that carries a file name. */
export async function* multipartFile(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  field: string,
  info: MultipartFileInfo,
): AsyncGenerator<Uint8Array> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The body opens with `--boundary`: a leading CRLF lets one delimiter match every boundary.
  let buf: Buffer = Buffer.from(CRLF);
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
  let wanted = false;
  for await (const chunk of chunksOf(body)) {
    if (state === 'done') continue; // the epilogue
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    for (;;) {
      if (state === 'preamble' || state === 'body') {
        const at = buf.indexOf(delimiter);
        if (at === -1) {
          // Keep what could be the start of a delimiter split across chunks.
          const keep = delimiter.length - 1;
          if (buf.length > keep) {
            if (wanted) yield buf.subarray(0, buf.length - keep);
            buf = buf.subarray(buf.length - keep);
          }
          break;
        }
        if (wanted && at > 0) yield buf.subarray(0, at);
        buf = buf.subarray(at + delimiter.length);
        wanted = false;
        state = 'after';
      }
      if (state === 'after') {
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          buf = Buffer.alloc(0);
          break;
        }
        if (buf[0] !== 0x0d || buf[1] !== 0x0a) throw new MultipartError('malformed boundary line');
        buf = buf.subarray(2);
        state = 'headers';
      }
      if (state === 'headers') {
        const end = buf.indexOf(HEADER_END);
        if (end === -1) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('part headers too long');
          break;
        }
        const headers = buf.subarray(0, end).toString('utf8');
        buf = buf.subarray(end + HEADER_END.length);
        const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
        const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
        const fileName = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
        wanted = info.fileName === null && name === field && fileName !== undefined;
        if (wanted) info.fileName = fileName!.replace(/%22/g, '"');
        state = 'body';
        continue;
      }
      break;
    }
  }
  if (state !== 'done') throw new MultipartError('truncated body');
}
