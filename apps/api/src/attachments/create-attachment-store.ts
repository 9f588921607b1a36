import type { AttachmentsConfig } from '../config.js';
import type { AttachmentStore } from './attachment-store.js';
import { FilesystemAttachmentStore } from './filesystem-attachment-store.js';
import { S3AttachmentStore } from './s3-attachment-store.js';

/** The configured attachment store: DATA_DIR/attachments by default, an S3-compatible bucket in production. */
export function createAttachmentStore(config: AttachmentsConfig): AttachmentStore {
  return config.kind === 'filesystem' ? new FilesystemAttachmentStore(config.dir) : new S3AttachmentStore(config);
}
