// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import {
  getBackendSettings,
  parseBackendForm,
  resetBackendSettingsCache,
  saveBackendSettings,
} from './backend-settings.js';

afterEach(() => {
  window.localStorage.clear();
  resetBackendSettingsCache();
});

describe('backend settings', () => {
  it('default to the embedded backend, also when the stored value is broken', () => {
    expect(getBackendSettings()).toEqual({ mode: 'embedded' });
    window.localStorage.setItem('zerosec.backend', '{"mode":"remote","url":"ftp://x"}');
    resetBackendSettingsCache();
    expect(getBackendSettings()).toEqual({ mode: 'embedded' });
  });

  it('check the remote URL and token, then persist them', () => {
    expect(parseBackendForm({ mode: 'remote', url: 'zerosec.local', token: '' })).toEqual({
      ok: false,
      errors: { url: 'invalidUrl' },
    });
    expect(parseBackendForm({ mode: 'remote', url: 'https://a.example/', token: 'two words' })).toEqual({
      ok: false,
      errors: { token: 'invalidToken' },
    });
    const ok = parseBackendForm({ mode: 'remote', url: ' https://zerosec.example/ ', token: '' });
    expect(ok).toEqual({
      ok: true,
      settings: { mode: 'remote', url: 'https://zerosec.example/', token: null },
    });
    saveBackendSettings({ mode: 'remote', url: 'https://zerosec.example/', token: 'abc' });
    resetBackendSettingsCache();
    expect(getBackendSettings()).toEqual({ mode: 'remote', url: 'https://zerosec.example/', token: 'abc' });
  });
});
