/**
 * Upload progress on stderr: a redrawn bar on a terminal, a few plain lines in logs and pipes (a bar's carriage
 * returns turn a CI log into one unreadable line).
 */
import type { TerminalOutput } from './cli-io.js';

export interface UploadProgress {
  update(sentBytes: number, totalBytes: number): void;
  finish(): void;
}

/** Redraws at most this often on a terminal. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 24;

export function createUploadProgress(
  out: TerminalOutput,
  label: string,
  now: () => number = Date.now,
): UploadProgress {
  let lastDraw = -Infinity;
  let lastQuarter = -1;
  let last: [number, number] = [0, 0];
  let finished = false;

  const draw = (sent: number, total: number): void => {
    const fraction = total > 0 ? Math.min(1, sent / total) : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
    const line = `uploading ${label} [${bar}] ${percent(fraction)} ${formatBytes(sent)}/${formatBytes(total)}`;
    out.write(`\r${line.slice(0, Math.max(20, out.columns - 1))}\u001b[K`);
  };

  return {
    update(sent, total) {
      if (finished) return;
      last = [sent, total];
      if (out.isTTY) {
        if (now() - lastDraw < REDRAW_INTERVAL_MS && sent < total) return;
        lastDraw = now();
        draw(sent, total);
        return;
      }
      const quarter = total > 0 ? Math.floor((4 * sent) / total) : 4;
      if (quarter === lastQuarter || quarter >= 4) return;
      lastQuarter = quarter;
      out.write(`uploading ${label}: ${percent(total > 0 ? sent / total : 1)} of ${formatBytes(total)}\n`);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (out.isTTY) {
        draw(last[1], last[1]);
        out.write('\n');
      } else {
        out.write(`uploaded ${label} (${formatBytes(last[1])})\n`);
      }
    },
  };
}

function percent(fraction: number): string {
  return `${Math.floor(fraction * 100)}%`.padStart(4);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
