/**
 * Keeps every web contents on the app's own pages: navigation, redirects, new windows and <webview> are refused,
 * and a plain http(s) link the user clicked opens in the OS browser instead, after validation (Electron security
 * checklist: limit navigation, limit new windows, no shell.openExternal with untrusted content).
 */
import { isAppUrl } from './app-origin.js';

/** The subset of Electron's WebContents this module uses. */
export interface LockableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

const MAX_EXTERNAL_URL = 2048;

/**
 * True for a link worth handing to the OS browser: http(s) only, no credentials in it, a real host name, no
 * control characters. file:, javascript:, custom schemes and `http://user:pass@…` are never opened.
 */
export function isSafeExternalUrl(url: string): boolean {
  const hasControlOrSpace = [...url].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f);
  if (url.length > MAX_EXTERNAL_URL || hasControlOrSpace) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  return parsed.hostname.length > 0;
}

export function lockDownContents(contents: LockableContents, openExternal: (url: string) => unknown): void {
  const toBrowser = (url: string) => {
    if (isSafeExternalUrl(url)) void openExternal(url);
  };
  contents.on('will-navigate', (event, url) => {
    // Reloads and in-app navigation between the app's own pages are fine; everything else is not.
    if (isAppUrl(url)) return;
    event.preventDefault();
    toBrowser(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    toBrowser(url);
    return { action: 'deny' };
  });
}
