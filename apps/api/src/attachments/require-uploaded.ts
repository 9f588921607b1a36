/** A command may reference only attachments that were uploaded: the others are named in a 422. */
import { ProblemError } from '../problems/problem.js';
import type { AttachmentStore } from './attachment-store.js';

export async function requireUploaded(
  store: AttachmentStore,
  references: { field: string; sha256: string }[],
): Promise<void> {
  const missing: { field: string; messages: string[] }[] = [];
  for (const { field, sha256 } of references) {
    if (!(await store.info(sha256)))
      missing.push({
        field,
        messages: [`chưa có tệp đính kèm ${sha256}: hãy tải tệp lên (POST /api/v1/attachments) trước`],
      });
  }
  if (missing.length > 0) throw ProblemError.of('UNKNOWN_ATTACHMENT', missing);
}
