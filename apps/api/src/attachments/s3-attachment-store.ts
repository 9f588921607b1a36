/**
 * Attachments in an S3-compatible bucket (MinIO, AWS S3, ...): the object's key is
 * `attachments/<sha256>`, its Content-Type the recognised media type, and the original file name
 * travels in its metadata (URI-encoded: S3 metadata is ASCII). Every API instance sees the same.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { AttachmentInfo, AttachmentStore } from './attachment-store.js';

export type S3AttachmentsConfig = {
  bucket: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export class S3AttachmentStore implements AttachmentStore {
  private readonly client: S3Client;

  constructor(private readonly config: S3AttachmentsConfig) {
    const options: S3ClientConfig = { region: config.region, forcePathStyle: config.forcePathStyle };
    if (config.endpoint) options.endpoint = config.endpoint;
    if (config.credentials) options.credentials = config.credentials;
    this.client = new S3Client(options);
  }

  private key(sha256: string): string {
    return `attachments/${sha256}`;
  }

  async put(bytes: Buffer, info: AttachmentInfo): Promise<AttachmentInfo> {
    const existing = await this.info(info.sha256);
    if (existing) return existing;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.key(info.sha256),
        Body: bytes,
        ContentType: info.mediaType,
        ContentLength: bytes.length,
        Metadata: { sha256: info.sha256, 'file-name': encodeURIComponent(info.fileName) },
      }),
    );
    return info;
  }

  async info(sha256: string): Promise<AttachmentInfo | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
      return describe(sha256, head.ContentLength ?? 0, head.ContentType, head.Metadata);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(sha256: string): Promise<{ info: AttachmentInfo; bytes: Buffer } | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }),
      );
      const bytes = Buffer.from(await object.Body!.transformToByteArray());
      return { info: describe(sha256, bytes.length, object.ContentType, object.Metadata), bytes };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  close(): void {
    this.client.destroy();
  }
}

function describe(
  sha256: string,
  size: number,
  contentType: string | undefined,
  metadata: Record<string, string> | undefined,
): AttachmentInfo {
  return {
    sha256,
    size,
    mediaType: contentType ?? 'application/octet-stream',
    fileName: decodeURIComponent(metadata?.['file-name'] ?? sha256),
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
