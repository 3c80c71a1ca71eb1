/**
 * Keeps the shell's settings in one small JSON file in the user-data folder, checked with zod on every read
 * and written atomically (temp file + rename), so a crash mid-write never leaves a broken file behind.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SETTINGS, ShellSettings, StoredSettings } from './settings-schema.js';

export class SettingsStore {
  private current: ShellSettings = DEFAULT_SETTINGS;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Reads the file; a missing, unreadable or invalid file gives the defaults (invalid fields are repaired). */
  async load(): Promise<ShellSettings> {
    let raw: unknown = {};
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      raw = {};
    }
    const parsed = StoredSettings.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
    this.current = parsed.success ? parsed.data : DEFAULT_SETTINGS;
    return this.current;
  }

  get(): ShellSettings {
    return this.current;
  }

  /** Applies `change`, validates the result (throws on an invalid value) and saves it. */
  async update(change: (settings: ShellSettings) => ShellSettings): Promise<ShellSettings> {
    const next = ShellSettings.parse(change(this.current));
    this.current = next;
    const text = `${JSON.stringify(next, null, 2)}\n`;
    // Writes are queued so an older value can never land after a newer one.
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, text, 'utf8');
      await rename(temp, this.file);
    });
    await this.writing;
    return next;
  }
}
