/**
 * Which backend the UI talks to: the embedded one (the desktop shell's, or the server that served this page) or a
 * remote team server with its API token. Checked with zod when saved and again when read back, so a hand-edited or
 * old value falls back to the embedded backend instead of breaking the app.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { bridge } from '../../platform/bridge.js';

export const BackendSettings = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('embedded') }),
  z.strictObject({
    mode: z.literal('remote'),
    url: z.url({ protocol: /^https?$/, error: 'invalidUrl' }),
    /** Sent as `Authorization: Bearer …`; null when the server needs none. */
    token: z
      .string()
      .regex(/^\S+$/, { error: 'invalidToken' })
      .max(4096, { error: 'invalidToken' })
      .nullable(),
  }),
]);
export type BackendSettings = z.infer<typeof BackendSettings>;

export const EMBEDDED: BackendSettings = { mode: 'embedded' };
const STORAGE_KEY = 'zerosec.backend';
const listeners = new Set<() => void>();

function read(): BackendSettings {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return EMBEDDED;
    const parsed = BackendSettings.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMBEDDED;
  } catch {
    return EMBEDDED;
  }
}

let current: BackendSettings | null = null;
const snapshot = () => (current ??= read());

/**
 * Checks form input; returns the settings or the message keys of the fields that are wrong. An empty token means
 * none; the URL is trimmed.
 */
export function parseBackendForm(input: {
  mode: 'embedded' | 'remote';
  url: string;
  token: string;
}):
  { ok: true; settings: BackendSettings } | { ok: false; errors: Partial<Record<'url' | 'token', string>> } {
  const candidate =
    input.mode === 'embedded'
      ? EMBEDDED
      : { mode: 'remote' as const, url: input.url.trim(), token: input.token.trim() || null };
  const parsed = BackendSettings.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Partial<Record<'url' | 'token', string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'url' || field === 'token') errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

export function saveBackendSettings(settings: BackendSettings): void {
  current = BackendSettings.parse(settings);
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // storage disabled: applies to this session only
  }
  for (const l of listeners) l();
  // In Electron the shell keeps the choice too: it decides which backend the page's security policy admits.
  void bridge?.setBackendSettings(current).catch(() => undefined);
}

export function getBackendSettings(): BackendSettings {
  return snapshot();
}

export function useBackendSettings(): BackendSettings {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, snapshot);
}

/** For tests: forget the value read from storage. */
export function resetBackendSettingsCache(): void {
  current = null;
}
