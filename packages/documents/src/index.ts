export type {
  DocumentContent,
  DocumentKind,
  Officer,
  PenaltyDecisionContent,
  RectificationNoticeContent,
  RegimeRef,
} from './content.js';
export { DocumentContentError, assertDocumentContent } from './content-validation.js';
export { DocumentDateError } from './dates-zh.js';
export { canonicalJson, contentSha256 } from './canonical-json.js';
export { DECISION_TITLE, NOTICE_TITLE, REMEDY_TEXT, SEAL_PLACEHOLDER, documentText } from './document-blocks.js';
export { DEFAULT_FONT_PATHS, DocumentFontError } from './fonts.js';
export { renderDocumentPdf, type RenderOptions } from './render-pdf.js';
