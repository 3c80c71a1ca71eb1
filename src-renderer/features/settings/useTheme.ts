/** Light, dark or the system's choice, remembered across restarts and applied to the whole page. */
import { useCallback, useSyncExternalStore } from 'react';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const STORAGE_KEY = 'zerosec.theme';
const listeners = new Set<() => void>();

function read(): Theme {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && (THEMES as readonly string[]).includes(stored)) return stored as Theme;
  } catch {
    // storage disabled
  }
  return 'system';
}

let current: Theme = typeof window === 'undefined' ? 'system' : read();

export function applyTheme(theme: Theme = current): void {
  document.documentElement.dataset.theme = theme;
}

export function useTheme() {
  const theme = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  const setTheme = useCallback((next: Theme) => {
    current = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // applies to this session only
    }
    applyTheme(next);
    for (const l of listeners) l();
  }, []);
  return { theme, setTheme };
}
