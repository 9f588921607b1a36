/**
 * Attachments are kept by content: the sha256 of their bytes names them, so the same bytes are
 * one attachment (an upload is idempotent) and an event that records the hash proves which file
 * was submitted. Two adapters: a folder (the embedded default, DATA_DIR/attachments) and an
 * S3-compatible bucket (production, shared by every API instance).
 */
export type AttachmentInfo = { sha256: string; size: number; mediaType: string; fileName: string };

export interface AttachmentStore {
  /** Stores the bytes unless that content is there already; answers what is stored (the first upload's name wins). */
  put(bytes: Buffer, info: AttachmentInfo): Promise<AttachmentInfo>;
  /** What is stored under that hash, or undefined. */
  info(sha256: string): Promise<AttachmentInfo | undefined>;
  /** The bytes stored under that hash, or undefined. */
  read(sha256: string): Promise<{ info: AttachmentInfo; bytes: Buffer } | undefined>;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
