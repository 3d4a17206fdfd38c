import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, SIGNATURE_PNG_MAX_BYTES, checkPhoto, checkSignaturePng, sniffImageMime } from './photo-check.js';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF', [0]);
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const HEIC = bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic');

describe('photos are recognised by their bytes (issue 10 §2)', () => {
  it('knows JPEG, PNG, WebP and HEIC', () => {
    expect(sniffImageMime(JPEG)).toBe('image/jpeg');
    expect(sniffImageMime(PNG)).toBe('image/png');
    expect(sniffImageMime(WEBP)).toBe('image/webp');
    expect(sniffImageMime(HEIC)).toBe('image/heic');
  });

  it('refuses a non-image whatever its name says, naming the file', () => {
    const script = bytes('<script>alert(1)</script>');
    const r = checkPhoto('photo.jpg', script);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe('PHOTO-NOT-AN-IMAGE');
      expect(r.reason.zh).toContain('photo.jpg');
      expect(r.reason.en).toContain('photo.jpg');
    }
    // A PDF, a RIFF that is not WebP (WAV), an MP4 (ftyp with a video brand) are not photos either.
    expect(checkPhoto('a.pdf', bytes('%PDF-1.7')).ok).toBe(false);
    expect(checkPhoto('a.wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')).ok).toBe(false);
    expect(checkPhoto('a.mp4', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0])).ok).toBe(false);
    // A truncated signature is not enough.
    expect(checkPhoto('a.png', PNG.subarray(0, 5)).ok).toBe(false);
  });

  it('accepts an image with any name (the name is not trusted either way)', () => {
    expect(checkPhoto('notes.txt', JPEG)).toEqual({ ok: true, mime: 'image/jpeg' });
  });

  it('refuses an empty file and one over the named limit, and accepts one at the limit', () => {
    expect(checkPhoto('empty.jpg', new Uint8Array()).ok).toBe(false);
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(JPEG);
    const r = checkPhoto('big.jpg', big);
    expect(r.ok ? '' : r.reason.code).toBe('PHOTO-TOO-LARGE');
    expect(r.ok ? '' : r.reason.zh).toContain('big.jpg');
    expect(checkPhoto('edge.jpg', big.subarray(0, PHOTO_MAX_BYTES)).ok).toBe(true);
    expect(PHOTO_MAX_BYTES).toBe(8 * 1024 * 1024);
  });

  it('a signature must be a PNG within its own limit', () => {
    expect(checkSignaturePng(PNG)).toEqual({ ok: true });
    expect(checkSignaturePng(JPEG).ok).toBe(false);
    const big = new Uint8Array(SIGNATURE_PNG_MAX_BYTES + 1);
    big.set(PNG);
    const r = checkSignaturePng(big);
    expect(r.ok ? '' : r.reason.code).toBe('SIGNATURE-TOO-LARGE');
  });
});
