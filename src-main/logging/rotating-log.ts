/**
 * Append-only log files in the app's log folder with a size cap: `name.log` rotates to `name.1.log` … `name.N.log`
 * so an app left running for months never fills the disk, and Help › Open Log Folder shows recent history.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RotatingLogOptions {
  maxBytes: number;
  /** Rotated files kept besides the current one. */
  keep: number;
  now?: () => Date;
}

export class RotatingLog {
  private size: number;

  constructor(
    private readonly file: string,
    private readonly options: RotatingLogOptions = { maxBytes: 5 * 1024 * 1024, keep: 3 },
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.size = existsSync(file) ? statSync(file).size : 0;
  }

  private rotated(n: number): string {
    const ext = path.extname(this.file);
    return `${this.file.slice(0, this.file.length - ext.length)}.${n}${ext}`;
  }

  private rotate(): void {
    rmSync(this.rotated(this.options.keep), { force: true });
    for (let n = this.options.keep - 1; n >= 1; n--) {
      if (existsSync(this.rotated(n))) renameSync(this.rotated(n), this.rotated(n + 1));
    }
    if (this.options.keep > 0 && existsSync(this.file)) renameSync(this.file, this.rotated(1));
    else rmSync(this.file, { force: true });
    this.size = 0;
  }

  /** Appends raw text (the backend's JSON lines pass through untouched). Never throws: logging must not crash the app. */
  write(text: string): void {
    try {
      const bytes = Buffer.byteLength(text);
      if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
      appendFileSync(this.file, text);
      this.size += bytes;
    } catch {
      // disk full or folder gone: drop the line
    }
  }

  /** One line with a timestamp, for the shell's own events. */
  line(message: string): void {
    this.write(`${(this.options.now?.() ?? new Date()).toISOString()} ${message}\n`);
  }

  /** Every log file, newest first. */
  files(): string[] {
    return [this.file, ...Array.from({ length: this.options.keep }, (_, i) => this.rotated(i + 1))].filter(
      (f) => existsSync(f),
    );
  }
}
