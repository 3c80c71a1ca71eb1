import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { ja } from './ja.js';
import { detectLanguage, translate } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(ja[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });

  it('fills placeholders and defaults to Japanese', () => {
    expect(translate('en', 'jobs.eta', { seconds: 3 })).toBe('about 3 s left');
    expect(detectLanguage(['fr-FR'])).toBe('ja');
    expect(detectLanguage(['en-US', 'ja'])).toBe('en');
  });
});
