import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, multipartFile, type MultipartFileInfo } from './multipart-file.js';

/** A body in chunks of `size` bytes, as the network delivers it. */
function streamOf(bytes: Buffer, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
}

async function collect(body: Buffer, boundary: string, size: number) {
  const info: MultipartFileInfo = { fileName: null };
  const parts: Buffer[] = [];
  for await (const c of multipartFile(streamOf(body, size), boundary, 'file', info)) parts.push(Buffer.from(c));
  return { info, bytes: Buffer.concat(parts) };
}

const B = '----WebKitFormBoundaryAbC123';
function body(file: Buffer, fileName = '名录.csv') {
  return Buffer.concat([
    Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${B}--\r\n`),
  ]);
}

describe('multipartFile (an upload streamed, never buffered whole)', () => {
  // Bytes that look like pieces of the delimiter, CRLFs and dashes, to catch a split across chunks.
  const file = Buffer.concat([
    Buffer.from('对象编码,名称\r\n--\r\n-'),
    Buffer.from(`\r\n--${B.slice(0, 10)}`),
    Buffer.alloc(5000, 0x41),
    Buffer.from('\r\n'),
  ]);

  it.each([1, 3, 7, 64, 1000, 100_000])('yields exactly the file’s bytes and its name, in chunks of %i', async (size) => {
    const { info, bytes } = await collect(body(file), B, size);
    expect(info.fileName).toBe('名录.csv');
    expect(bytes.equals(file)).toBe(true);
  });

  it('finds no file when the field is absent, and refuses a truncated body', async () => {
    const noFile = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${B}--\r\n`);
    expect((await collect(noFile, B, 16)).info.fileName).toBeNull();
    await expect(collect(body(file).subarray(0, 200), B, 16)).rejects.toBeInstanceOf(MultipartError);
  });

  it('reads the boundary from the content type', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
  });
});
