/**
 * Which file an upload is, told by its bytes (file-type reads the signatures and, for Office
 * files, the parts inside the zip), never by its name or the client's Content-Type.
 */
import { fileTypeFromBuffer } from 'file-type';

export const ALLOWED_MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** The recognised type (`ext`, `mediaType`) of allowed content, else undefined. */
export async function recogniseMediaType(bytes: Buffer): Promise<{ ext: string; mediaType: string } | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return undefined;
  const mediaType = ALLOWED_MEDIA_TYPES[found.ext];
  return mediaType ? { ext: found.ext, mediaType } : undefined;
}
