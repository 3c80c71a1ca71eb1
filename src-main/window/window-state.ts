/**
 * Remembers the window's size and position between launches, and puts it back only where a screen still is
 * (a laptop undocked from its second monitor must not open the app off-screen).
 */
import type { WindowBounds } from '../settings/settings-schema.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window's title bar must be on a screen for the saved position to be used. */
const MIN_VISIBLE = 100;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The saved bounds if the window's top strip is visible on one of `workAreas`, with the size clamped to that
 * screen; else only the size (the OS centres the window); null when nothing was saved.
 */
export function restoreBounds(saved: WindowBounds | null, workAreas: readonly Rect[]): WindowBounds | null {
  if (!saved) return null;
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const screen = workAreas.find(
    (area) => overlap(titleBar, area) >= Math.min(MIN_VISIBLE * 40, saved.width * 40),
  );
  if (!screen) {
    const first = workAreas[0];
    const width = first ? Math.min(saved.width, first.width) : saved.width;
    const height = first ? Math.min(saved.height, first.height) : saved.height;
    return { ...saved, x: first?.x ?? 0, y: first?.y ?? 0, width, height };
  }
  return {
    ...saved,
    width: Math.min(saved.width, screen.width),
    height: Math.min(saved.height, screen.height),
  };
}

/** The subset of BrowserWindow this module uses. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** Saves the bounds at most every `delayMs` while the user drags, and once more when the window closes. */
export function trackWindowState(
  window: TrackedWindow,
  save: (bounds: WindowBounds) => void,
  delayMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', flush);
}
