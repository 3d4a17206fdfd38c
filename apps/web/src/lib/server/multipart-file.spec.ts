import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveUpload } from '@supervise/db';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { boundaryOf, MultipartError, multipartFile, type MultipartFileInfo } from './multipart-file.js';

/** A body in chunks of `size` bytes, as the network delivers it; `ended()` once all of it was read. */
function streamOf(bytes: Buffer, size: number, fail?: Error) {
  let at = 0;
  let ended = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) {
        ended = true;
        return fail ? c.error(fail) : c.close();
      }
      c.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
  return { stream, ended: () => ended };
}

async function collect(body: Buffer, boundary: string, size: number) {
  const info: MultipartFileInfo = { fileName: null };
  const parts: Buffer[] = [];
  for await (const c of multipartFile(streamOf(body, size).stream, boundary, 'file', info)) parts.push(Buffer.from(c));
  return { info, bytes: Buffer.concat(parts) };
}

const B = '----WebKitFormBoundaryAbC123';
const part = (disposition: string, content: string | Buffer, type = '') =>
  Buffer.concat([
    Buffer.from(`--${B}\r\nContent-Disposition: form-data; ${disposition}\r\n${type}\r\n`),
    Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
const end = Buffer.from(`--${B}--\r\n`);

function body(file: Buffer, fileName = '名录.csv') {
  return Buffer.concat([
    part('name="note"', 'hello'),
    part(`name="file"; filename="${fileName}"`, file, 'Content-Type: text/csv\r\n'),
    end,
  ]);
}

// Bytes that look like pieces of the delimiter, CRLFs and dashes, to catch a split across chunks.
const file = Buffer.concat([
  Buffer.from('对象编码,名称\r\n--\r\n-'),
  Buffer.from(`\r\n--${B.slice(0, 10)}`),
  Buffer.alloc(5000, 0x41),
  Buffer.from('\r\n'),
]);

describe('multipartFile (an upload streamed, never buffered whole)', () => {
  it.each([1, 3, 7, 64, 1000, 100_000])('yields exactly the file’s bytes and its name, in chunks of %i', async (size) => {
    const { info, bytes } = await collect(body(file), B, size);
    expect(info.fileName).toBe('名录.csv');
    expect(bytes.equals(file)).toBe(true);
  });

  it('skips the other fields and files, and takes the first file of the field', async () => {
    const mixed = Buffer.concat([
      part('name="photo"; filename="a.jpg"', 'not this', 'Content-Type: image/jpeg\r\n'),
      part('name="file"', 'a plain field of the same name'),
      part('name="file"; filename="say %22hi%22.csv"', file, 'Content-Type: text/csv\r\n'),
      part('name="file"; filename="second.csv"', 'nor this', 'Content-Type: text/csv\r\n'),
      part('name="note"', 'x'),
      end,
    ]);
    for (const size of [5, 100_000]) {
      const { info, bytes } = await collect(mixed, B, size);
      expect(info.fileName).toBe('say "hi".csv');
      expect(bytes.equals(file)).toBe(true);
    }
  });

  it('finds no file when the field is absent', async () => {
    const noFile = Buffer.concat([part('name="note"', 'x'), end]);
    const { info, bytes } = await collect(noFile, B, 16);
    expect(info.fileName).toBeNull();
    expect(bytes.length).toBe(0);
  });

  it.each([
    ['a body cut in the file', body(file).subarray(0, 200)],
    ['a body without its closing delimiter', body(file).subarray(0, body(file).length - end.length)],
    ['a part header without a colon', Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition form-data\r\n\r\n`), file, end])],
    ['part headers over 16 KB', Buffer.concat([Buffer.from(`--${B}\r\nX-Pad: ${'p'.repeat(17_000)}\r\n\r\n`), file, end])],
    ['a body with another boundary', Buffer.from(body(file).toString('latin1').replaceAll(B, 'other'), 'latin1')],
    ['an empty body', Buffer.alloc(0)],
  ])('refuses %s with a MultipartError, having read the body to its end', async (_, bad) => {
    for (const size of [1, 64, 100_000]) {
      const input = streamOf(bad, size);
      const run = (async () => {
        for await (const _chunk of multipartFile(input.stream, B, 'file', { fileName: null }));
      })();
      await expect(run).rejects.toBeInstanceOf(MultipartError);
      expect(input.ended()).toBe(true);
    }
  });

  it('rethrows an error of the request body itself as it is (adapter-node’s 413)', async () => {
    const tooLarge = Object.assign(new Error('Content-length of 26214401 exceeds limit'), { status: 413 });
    const input = streamOf(body(file).subarray(0, 300), 50, tooLarge);
    const run = (async () => {
      for await (const _chunk of multipartFile(input.stream, B, 'file', { fileName: null }));
    })();
    await expect(run).rejects.toBe(tooLarge);
  });

  it('drains the rest of the body when the consumer stops early', async () => {
    const input = streamOf(body(Buffer.alloc(200_000, 0x42)), 1000);
    for await (const _chunk of multipartFile(input.stream, B, 'file', { fileName: null })) break;
    await vi.waitFor(() => expect(input.ended()).toBe(true));
  });

  it('reads the boundary from the content type', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
  });

  it('parses a quoted boundary with a space', async () => {
    const spaced = Buffer.from(body(file).toString('latin1').replaceAll(B, 'a b'), 'latin1');
    const info: MultipartFileInfo = { fileName: null };
    const parts: Uint8Array[] = [];
    for await (const c of multipartFile(streamOf(spaced, 100).stream, 'a b', 'file', info)) parts.push(c);
    expect(Buffer.concat(parts).equals(file)).toBe(true);
  });
});

describe('the size limit, counted by saveUpload while the file streams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sv-multipart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const limit = 4096;

  it.each([1, 1000, 100_000])(
    'refuses a file over the limit, keeps nothing and reads the body to its end (chunks of %i)',
    async (size) => {
      const input = streamOf(body(Buffer.alloc(limit + 1, 0x43)), size);
      const info: MultipartFileInfo = { fileName: null };
      const saved = await saveUpload(multipartFile(input.stream, B, 'file', info), dir, limit);
      expect(saved).toEqual({ ok: false, problem: 'too_large' });
      expect(input.ended()).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('keeps a file of exactly the limit', async () => {
    const saved = await saveUpload(
      multipartFile(streamOf(body(Buffer.alloc(limit, 0x43)), 777).stream, B, 'file', { fileName: null }),
      dir,
      limit,
    );
    expect(saved.ok && saved.file.size).toBe(limit);
    rmSync(join(dir, saved.ok ? saved.file.name : ''), { force: true });
  });
});
