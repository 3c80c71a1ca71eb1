/**
 * The page's own origin: the built UI is served over a custom `app://` scheme (not file://), so it gets a real
 * origin that CSP, CORS and the IPC sender check can name, and no access to the rest of the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'zerosec';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
export const APP_SPLASH_URL = `${APP_ORIGIN}/__splash`;

/** Privileges for `protocol.registerSchemesAsPrivileged`: a standard, secure origin that may fetch and use CORS. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
} as const;

/** True when `url` is one of the app's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
