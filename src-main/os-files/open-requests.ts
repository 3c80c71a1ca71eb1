/**
 * Files the OS asks the app to open: command-line arguments (Windows/Linux, including a second launch), macOS
 * `open-file` events, drops on the dock or taskbar icon and File › Open Recent. Collected until the page is ready,
 * then handed to it as file refs.
 */
import path from 'node:path';

export const OPENABLE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx'] as const;

export function isOpenable(file: string): boolean {
  return (OPENABLE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/**
 * The data files among a launch's arguments: absolute or relative to `cwd`, with an openable extension.
 * Switches (`--foo`), Electron's own arguments and the app path are skipped.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && isOpenable(arg))
    .map((arg) => path.resolve(cwd, arg));
}

/** Holds requested paths until `flush` can deliver them (the window and page are ready). */
export class OpenQueue {
  private pending: string[] = [];
  private deliver: ((files: string[]) => void) | null = null;

  push(files: readonly string[]): void {
    const openable = files.filter(isOpenable);
    if (openable.length === 0) return;
    if (this.deliver) this.deliver(openable);
    else this.pending.push(...openable);
  }

  /** From now on files go straight to `deliver`; the ones collected so far go first. */
  ready(deliver: (files: string[]) => void): void {
    this.deliver = deliver;
    const waiting = this.pending.splice(0);
    if (waiting.length > 0) deliver(waiting);
  }
}
