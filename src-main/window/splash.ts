/**
 * The page shown while the embedded backend starts (the first start creates the database): plain HTML with no
 * script, served by the app:// protocol under the same CSP as the app, in the user's language.
 */
import type { Locale, Translate } from '../i18n/messages.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function splashHtml(t: Translate, locale: Locale): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escape(t('appName'))}</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; background: #fff; color: #222; }
  @media (prefers-color-scheme: dark) { html, body { background: #1e1e1e; color: #ddd; } }
  main { height: 100%; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1rem; }
  h1 { font-size: 2rem; margin: 0; }
  .bar { width: 12rem; height: 4px; background: #8884; overflow: hidden; border-radius: 2px; }
  .bar::after { content: ''; display: block; width: 40%; height: 100%; background: #2a7de1; animation: slide 1.2s infinite ease-in-out; }
  @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(250%); } }
</style>
</head>
<body><main role="status" aria-live="polite"><h1>${escape(t('appName'))}</h1><div class="bar"></div><p>${escape(t('splash.starting'))}</p></main></body>
</html>
`;
}
