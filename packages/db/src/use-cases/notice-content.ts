import { contentSha256, type RectificationNoticeContent } from '@supervise/documents';

/**
 * What a rectification notice says (`official_document.content`): the type and the hash are
 * `@supervise/documents`'s, so the stored SHA-256 is the one the PDF package computes.
 */
export type { RectificationNoticeContent } from '@supervise/documents';

export function noticeContentSha256(content: RectificationNoticeContent): string {
  return contentSha256(content);
}
