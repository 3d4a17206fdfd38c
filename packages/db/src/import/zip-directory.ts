/**
 * An XLSX is a ZIP. Before anything is inflated (issue 15: a 0.5 MB upload inflated to gigabytes
 * inside the request), the ZIP's central directory is read for each entry's declared sizes
 * (`zipDirectoryRefusal` in @supervise/core judges them), and then every entry is inflated once,
 * with the inflater stopped at the declared size, so a directory that lies cannot get past either.
 * Only what a workbook uses is accepted: stored or deflated entries, no ZIP64, no encryption.
 */
import { inflateRawSync } from 'node:zlib';
import { uploadRefusal, type UploadLimits, type UploadRefusal, type ZipEntrySizes } from '@supervise/core';

export interface ZipEntry extends ZipEntrySizes {
  method: number;
  flags: number;
  localHeaderOffset: number;
}

export class UploadRefusedError extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.en);
    this.name = 'UploadRefusedError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the ZIP's central directory (nothing inflated). */
export function readZipDirectory(bytes: Uint8Array, limits: UploadLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string) => new UploadRefusedError(uploadRefusal('zip_unreadable', why, limits));
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad('no central directory');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new UploadRefusedError(uploadRefusal('zip_unsupported', 'ZIP64', limits));
  if (count > limits.maxZipEntries) throw new UploadRefusedError(uploadRefusal('zip_too_many_entries', `${count}`, limits));
  if (offset + size > eocd) throw bad('central directory out of bounds');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw bad('bad central directory entry');
    const nameLength = view.getUint16(p + 28, true);
    const entry: ZipEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)).slice(0, 200),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff)
      throw new UploadRefusedError(uploadRefusal('zip_unsupported', 'ZIP64', limits));
    if (entry.flags & 1) throw new UploadRefusedError(uploadRefusal('zip_unsupported', `encrypted ${entry.name}`, limits));
    if (entry.method !== 0 && entry.method !== 8)
      throw new UploadRefusedError(uploadRefusal('zip_unsupported', `${entry.name}: method ${entry.method}`, limits));
    entries.push(entry);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

/**
 * Inflates each entry once with the inflater capped at its declared size (and at what is left of
 * the whole budget): an entry that inflates to more than it declares is refused as soon as it passes
 * that size, so memory stays bounded by the limits whatever the directory says.
 */
export function verifyInflatedSizes(bytes: Uint8Array, entries: readonly ZipEntry[], limits: UploadLimits): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const e of entries) {
    const p = e.localHeaderOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL)
      throw new UploadRefusedError(uploadRefusal('zip_unreadable', e.name, limits));
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw new UploadRefusedError(uploadRefusal('zip_unreadable', e.name, limits));
    let inflated: number;
    if (e.method === 0) inflated = data.length;
    else {
      try {
        // One byte more than declared: an entry that goes past its declared size is caught here.
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) }).length;
      } catch (err) {
        const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
        throw new UploadRefusedError(uploadRefusal(tooBig ? 'zip_inflated_too_large' : 'zip_unreadable', e.name, limits));
      }
    }
    if (inflated !== e.uncompressedSize) throw new UploadRefusedError(uploadRefusal('zip_inflated_too_large', e.name, limits));
    total += inflated;
    if (total > limits.maxInflatedBytes) throw new UploadRefusedError(uploadRefusal('zip_inflated_too_large', e.name, limits));
  }
}
