/** The two hooks components use for text: `useT()` to translate, `useLanguage()` to switch. */
import { useCallback, useContext } from 'react';
import { I18nContext } from './I18nProvider.js';
import type { I18nState } from './I18nProvider.js';
import { translate } from './messages.js';
import type { MessageKey } from './messages.js';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useLanguage(): I18nState {
  const state = useContext(I18nContext);
  if (!state) throw new Error('useLanguage/useT must be used inside <I18nProvider>');
  return state;
}

export function useT(): Translate {
  const { language } = useLanguage();
  return useCallback<Translate>((key, values) => translate(language, key, values), [language]);
}
