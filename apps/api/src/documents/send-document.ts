/** A generated document as the answer: its media type and a download file name without diacritics. */
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { CycleFacts } from './cycle-facts.js';
import { documentFileName } from './vietnamese-format.js';

export const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** `Content-Disposition: attachment; filename="…"` for an ASCII file name (quotes and controls never appear in it). */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}

export function sendDocument(
  res: Response,
  body: Buffer,
  kind: string,
  facts: CycleFacts,
  extension: keyof typeof MEDIA_TYPES,
): StreamableFile {
  res.setHeader('Content-Type', MEDIA_TYPES[extension]);
  res.setHeader(
    'Content-Disposition',
    attachmentDisposition(documentFileName(kind, facts.config.clusterName, facts.config.year, extension)),
  );
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(body);
}
