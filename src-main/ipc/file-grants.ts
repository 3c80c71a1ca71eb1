/**
 * The files the user chose (open dialog, drop, menu, "open with"), each behind a random id: the page can ask the
 * shell to upload a file it was given, never a path it made up, so a compromised page cannot read ~/.ssh.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileRef } from '../../src-shared/ipc/contract.js';

const MAX_GRANTS = 500;

export class FileGrants {
  private readonly paths = new Map<string, string>();

  /** Records a chosen file (a regular file that exists) and returns what the page may know about it. */
  async grant(file: string): Promise<FileRef> {
    if (!path.isAbsolute(file)) throw new Error('not an absolute path');
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a regular file');
    const id = randomUUID();
    this.paths.set(id, file);
    if (this.paths.size > MAX_GRANTS) this.paths.delete(this.paths.keys().next().value!);
    return { id, name: path.basename(file).slice(0, 255) || 'file', sizeBytes: info.size };
  }

  /** The path behind an id; throws for an id this shell never gave out. */
  pathOf(id: string): string {
    const file = this.paths.get(id);
    if (!file) throw new Error('unknown file id');
    return file;
  }
}
