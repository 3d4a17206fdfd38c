import { existsSync, readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

/**
 * Where a CJK font is looked for when no fontPath is given, first existing wins. Debian/Ubuntu's
 * fonts-noto-cjk comes first (Serif: 宋体-like, the face of printed official documents; then Sans), then
 * WenQuanYi (fonts-wqy-zenhei / -microhei), then Fedora's and macOS's usual places.
 */
export const DEFAULT_FONT_PATHS: readonly string[] = Object.freeze([
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/Supplemental/Songti.ttc',
]);

const FIX =
  "install Debian's fonts-noto-cjk (sudo apt-get install fonts-noto-cjk) or set the fontPath option to a CJK TrueType/OpenType font (.ttf, .otf or .ttc)";
// Characters every document prints: a font without them is not a Chinese font.
const PROBE = '责令限期整改通知书公安行政处罚决定';

export class DocumentFontError extends Error {
  constructor(
    message: string,
    /** The paths that were tried, in order. */
    readonly tried: readonly string[],
  ) {
    super(message);
    this.name = 'DocumentFontError';
  }
}

const covers = (font: Font) => [...PROBE].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!));

/**
 * The face to use from a font file. A collection (.ttc) holds several faces: the first simplified
 * Chinese one (postscript name with `sc-`, `SC` or `GB`, e.g. NotoSerifCJKsc-Regular) that covers
 * the probe characters, else the first that covers them.
 */
function chooseFace(path: string): Font {
  let parsed: ReturnType<typeof create>;
  try {
    parsed = create(readFileSync(path));
  } catch (e) {
    throw new DocumentFontError(`The font file ${path} cannot be read as a font (${(e as Error).message}): ${FIX}.`, [path]);
  }
  const faces = 'fonts' in parsed ? parsed.fonts : [parsed];
  const usable = faces.filter(covers);
  const face = usable.find((f) => /sc-|SC|GB/.test(f.postscriptName ?? '')) ?? usable[0];
  if (!face) throw new DocumentFontError(`The font ${path} has no Chinese characters: ${FIX}.`, [path]);
  return face;
}

// A parsed font is reused across documents (each document embeds its own subset); a 20 MB .ttc is
// parsed once per process. Keyed by path: replace a font file, restart the process.
const cache = new Map<string, Font>();

/** The CJK font for a document: `fontPath` when given, else the first existing DEFAULT_FONT_PATHS. */
export function loadDocumentFont(fontPath?: string): { path: string; font: Font } {
  const tried = fontPath === undefined ? DEFAULT_FONT_PATHS : [fontPath];
  const path = tried.find((p) => existsSync(p));
  if (path === undefined) {
    const message =
      fontPath === undefined
        ? `No Chinese font found for official documents; tried ${tried.join(', ')}: ${FIX}.`
        : `The font file ${fontPath} (fontPath option) does not exist: ${FIX}.`;
    throw new DocumentFontError(message, tried);
  }
  let font = cache.get(path);
  if (!font) {
    font = chooseFace(path);
    cache.set(path, font);
  }
  return { path, font };
}
