/**
 * The page's Content-Security-Policy, sent as a response header by the app:// protocol: scripts only from the
 * app bundle, and network access only to the one backend the settings chose (embedded on 127.0.0.1:port, or the
 * configured remote server), so injected markup can neither run code nor send data anywhere else.
 */

/** `http://127.0.0.1:53124/api/...` → `http://127.0.0.1:53124`; throws on anything but http(s). */
export function originOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`not an http(s) URL: ${parsed.protocol}`);
  }
  return parsed.origin;
}

/**
 * The policy for the app's pages. `backendUrls`: the API origin(s) the page may fetch from (usually one);
 * an empty list lets the page reach nothing but its own bundle (the splash screen).
 */
export function buildCsp(backendUrls: readonly string[]): string {
  const connect = ["'self'", ...new Set(backendUrls.map(originOf))];
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Plotly and React set style attributes; no remote stylesheets.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Parses a policy into directive → sources, for tests and diagnostics. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}
