/**
 * Photos of hazards and the drawn signature (issue 10 §2). A file is what its bytes say it is: the
 * name and the MIME type a browser claims are ignored, so a renamed script or PDF is refused. Sizes
 * are capped so one record cannot fill the database (the photos live in PostgreSQL, migration 0013).
 * Pure: the caller hands the bytes in.
 */
import type { Reason } from '../shared/reason.js';

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';

export const PHOTO_MIMES: readonly PhotoMime[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];

/** The largest photo kept: 8 MiB, above what a phone camera writes at full resolution (JPEG/HEIC). */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/** Photos one submit may carry (per hazard per save). */
export const PHOTO_MAX_PER_SUBMIT = 10;

/** The largest drawn signature kept: a PNG of a phone-sized canvas is a few tens of KiB. */
export const SIGNATURE_PNG_MAX_BYTES = 256 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

/** The image type the bytes carry (by their magic numbers), or null when they are none of ours. */
export function sniffImageMime(bytes: Uint8Array): PhotoMime | null {
  // JPEG: SOI marker FF D8 followed by another marker FF.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // PNG: the 8-byte signature of RFC 2083 §3.1.
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // WebP: a RIFF container whose form type is WEBP.
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  // HEIC/HEIF (ISO BMFF): a 'ftyp' box at offset 4 whose major brand is a HEIF brand (iPhone photos).
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  }
  return null;
}

export type PhotoCheck = { ok: true; mime: PhotoMime } | { ok: false; reason: Reason };

/** Whether one uploaded file may be kept as a hazard photo; the refusal names the file. */
export function checkPhoto(fileName: string, bytes: Uint8Array, maxBytes: number = PHOTO_MAX_BYTES): PhotoCheck {
  const name = fileName || '(unnamed)';
  if (bytes.length === 0)
    return {
      ok: false,
      reason: { code: 'PHOTO-EMPTY', zh: `文件“${name}”是空文件`, en: `The file "${name}" is empty`, clause: 'issue 10 §2' },
    };
  if (bytes.length > maxBytes) {
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      reason: {
        code: 'PHOTO-TOO-LARGE',
        zh: `照片“${name}”过大（${mib(bytes.length)} MiB），每张不得超过 ${mib(maxBytes)} MiB`,
        en: `The photo "${name}" is too large (${mib(bytes.length)} MiB); each may be at most ${mib(maxBytes)} MiB`,
        clause: 'issue 10 §2',
      },
    };
  }
  const mime = sniffImageMime(bytes);
  if (!mime)
    return {
      ok: false,
      reason: {
        code: 'PHOTO-NOT-AN-IMAGE',
        zh: `文件“${name}”不是图片（仅接受 JPEG、PNG、WebP、HEIC 照片）`,
        en: `The file "${name}" is not an image (JPEG, PNG, WebP or HEIC photos only)`,
        clause: 'issue 10 §2',
      },
    };
  return { ok: true, mime };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: Reason };

/** The drawn signature: a PNG (by its bytes), not empty, within the limit. */
export function checkSignaturePng(bytes: Uint8Array, maxBytes: number = SIGNATURE_PNG_MAX_BYTES): SignatureCheck {
  if (bytes.length === 0 || sniffImageMime(bytes) !== 'image/png')
    return {
      ok: false,
      reason: {
        code: 'SIGNATURE-NOT-PNG',
        zh: '签名须为在屏幕上手写的图像（PNG）',
        en: 'The signature must be drawn on screen (PNG)',
      },
    };
  if (bytes.length > maxBytes)
    return {
      ok: false,
      reason: {
        code: 'SIGNATURE-TOO-LARGE',
        zh: `签名图像过大（不得超过 ${Math.round(maxBytes / 1024)} KiB）`,
        en: `The signature image is too large (at most ${Math.round(maxBytes / 1024)} KiB)`,
      },
    };
  return { ok: true };
}
