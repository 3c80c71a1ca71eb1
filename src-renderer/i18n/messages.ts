/**
 * Every word the UI shows, in Japanese (the users' language, and the default) and English. `ja.ts` defines the
 * keys and `en.ts` must have exactly the same ones (checked by the compiler and by messages.test.ts).
 * `{name}` marks a value filled in by `t(key, { name })`.
 */
import { en } from './en.js';
import { ja } from './ja.js';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type MessageKey = keyof typeof ja;
export type Messages = Readonly<Record<MessageKey, string>>;

export const MESSAGES: Readonly<Record<Language, Messages>> = { ja, en };

/** For keys built from server data (progress stages): true when the dictionary has it. */
export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(ja, key);
}

/** Japanese unless the browser or OS asks for English. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'ja';
}

/** Looks a key up and fills `{name}` placeholders; an unknown placeholder is left as written. */
export function translate(
  language: Language,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const text = MESSAGES[language][key];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
