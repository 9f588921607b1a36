/**
 * Attachments in a folder: `<dir>/<first two hex digits>/<sha256>` with its description beside it
 * (`.json`). Written to a temporary name and renamed, so a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentInfo, AttachmentStore } from './attachment-store.js';

export class FilesystemAttachmentStore implements AttachmentStore {
  constructor(private readonly dir: string) {}

  async put(bytes: Buffer, info: AttachmentInfo): Promise<AttachmentInfo> {
    const existing = await this.info(info.sha256);
    if (existing) return existing;
    const folder = join(this.dir, info.sha256.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${info.sha256}.${randomBytes(6).toString('hex')}`);
    await writeFile(`${temp}.bin`, bytes);
    await rename(`${temp}.bin`, join(folder, info.sha256));
    // The description last: an attachment exists once its description does.
    await writeFile(`${temp}.json`, JSON.stringify(info));
    await rename(`${temp}.json`, join(folder, `${info.sha256}.json`));
    return info;
  }

  async info(sha256: string): Promise<AttachmentInfo | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, sha256.slice(0, 2), `${sha256}.json`), 'utf8')) as AttachmentInfo;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async read(sha256: string): Promise<{ info: AttachmentInfo; bytes: Buffer } | undefined> {
    const info = await this.info(sha256);
    if (!info) return undefined;
    return { info, bytes: await readFile(join(this.dir, sha256.slice(0, 2), sha256)) };
  }
}
