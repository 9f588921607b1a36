/** File names of attachments: kept as uploaded (NFC, no path), served ASCII with the original beside it (RFC 6266). */
import { asciiSlug } from '../documents/vietnamese-format.js';

/** Multipart parsers hand over file names as Latin-1; browsers send UTF-8. */
export function uploadedFileName(original: string | undefined, ext: string): string {
  const utf8 = Buffer.from(original ?? '', 'latin1').toString('utf8');
  const name = (utf8.includes('\uFFFD') ? (original ?? '') : utf8).normalize('NFC');
  const base = name
    .split(/[\\/]/)
    .pop()!
    // Control characters are exactly what a file name must not carry into a header.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return base || `tep-dinh-kem.${ext}`;
}

export function downloadName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? asciiSlug(fileName.slice(dot + 1)) : '';
  const ascii = `${asciiSlug(stem) || 'tep-dinh-kem'}${ext ? `.${ext}` : ''}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
