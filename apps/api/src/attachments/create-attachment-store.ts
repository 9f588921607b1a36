import type { AttachmentsConfig } from '../config.js';
import type { AttachmentStore } from './attachment-store.js';
import { FilesystemAttachmentStore } from './filesystem-attachment-store.js';

/**
 * The configured attachment store: DATA_DIR/attachments by default, an S3-compatible bucket in
 * production (the AWS SDK is loaded only then: it is large, and the embedded default needs none of it).
 */
export async function createAttachmentStore(config: AttachmentsConfig): Promise<AttachmentStore> {
  if (config.kind === 'filesystem') return new FilesystemAttachmentStore(config.dir);
  const { S3AttachmentStore } = await import('./s3-attachment-store.js');
  return new S3AttachmentStore(config);
}
