/** Builds the renderer once for both homes: Electron loads it from file://, the backend serves it at `/`. */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('./src-renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * Content-Security-Policy for the built page only (the dev server needs an inline React refresh script).
 * `connect-src` allows the page's own origin (web mode) and a backend on loopback (Electron, file://).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'zerosec-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend', // before the scripts it governs; charset stays within the first 1024 bytes,
      },
    ],
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs work from file:// (Electron) and from `/` (web mode) alike.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // Never inline the sample CSV as a data: URL: the page's CSP allows fetch() only from 'self'.
    assetsInlineLimit: (file) => (file.endsWith('.csv') ? false : undefined),
    // Plotly is one 1.2 MB chunk by design, loaded only with the first result view.
    chunkSizeWarningLimit: 1300,
  },
  server: {
    host: '127.0.0.1',
    // `vite` dev server: forward API calls to a backend started with `zerosec serve --port 8710`.
    proxy: { '/api': `http://127.0.0.1:${process.env.ZEROSEC_PORT ?? '8710'}` },
  },
});
