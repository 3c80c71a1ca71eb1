/**
 * Serves the built UI on `app://zerosec/` with the security headers attached, and nothing outside the renderer
 * folder: the page never runs from file:// (which would give it the whole disk's origin) or from the network.
 * Written against the Fetch API's Request/Response so it runs in tests without Electron (`protocol.handle` takes it).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface AppProtocolOptions {
  /** The built renderer (`dist/renderer`). */
  rootDir: string;
  /** The current Content-Security-Policy (it follows the backend settings, so it is read per response). */
  csp: () => string;
  /** The splash page's HTML, served at `/__splash` while the embedded backend starts. */
  splashHtml: () => string;
}

/** The vite build also puts a looser <meta> policy in index.html for web mode; the header is the one that counts. */
const META_CSP = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi;

function securityHeaders(csp: string, contentType: string): Headers {
  return new Headers({
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
}

/** The file under `rootDir` that `pathname` names, or null when it would leave the folder. */
export function resolveInside(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const notFound = () =>
      new Response('Not found', { status: 404, headers: securityHeaders(options.csp(), 'text/plain') });
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', {
        status: 405,
        headers: securityHeaders(options.csp(), 'text/plain'),
      });
    }
    if (url.pathname === '/__splash') {
      return new Response(options.splashHtml(), { headers: securityHeaders(options.csp(), MIME['.html']!) });
    }
    const file = resolveInside(options.rootDir, url.pathname);
    if (!file) return notFound();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return notFound();
    const ext = path.extname(file).toLowerCase();
    const contentType = MIME[ext] ?? 'application/octet-stream';
    let body: Uint8Array | string = await readFile(file);
    if (ext === '.html') body = body.toString().replace(META_CSP, '');
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: securityHeaders(options.csp(), contentType),
    });
  };
}
