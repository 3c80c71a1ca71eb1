/** The access settings: authentication off by default, exact CORS origins only, rate limit on with tokens. */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_RATE_LIMIT_MAX, loadConfig } from './config.js';

describe('loadConfig access settings', () => {
  it('leaves a plain start open, without CORS origins or rate limit', () => {
    const c = loadConfig({});
    expect(c.auth).toBe('none');
    expect(c.corsOrigins).toEqual([]);
    expect(c.rateLimit).toBeNull();
  });

  it('limits the rate by default when tokens are required, and lets 0 turn it off', () => {
    expect(loadConfig({ ZEROSEC_AUTH: 'tokens' }).rateLimit).toEqual({
      max: DEFAULT_RATE_LIMIT_MAX,
      windowSeconds: 60,
    });
    expect(loadConfig({ ZEROSEC_AUTH: 'tokens', ZEROSEC_RATE_LIMIT_MAX: '0' }).rateLimit).toBeNull();
    expect(
      loadConfig({ ZEROSEC_RATE_LIMIT_MAX: '5', ZEROSEC_RATE_LIMIT_WINDOW_SECONDS: '2' }).rateLimit,
    ).toEqual({ max: 5, windowSeconds: 2 });
  });

  it('takes a comma-separated list of exact origins, custom schemes included', () => {
    expect(
      loadConfig({ ZEROSEC_CORS_ORIGINS: ' https://a.example:8443, app://zerosec ,' }).corsOrigins,
    ).toEqual(['https://a.example:8443', 'app://zerosec']);
  });

  it.each(['*', 'https://a.example/', 'https://a.example/path', 'a.example', 'app://zerosec/x'])(
    'refuses %j as an origin, naming the variable',
    (origin) => {
      expect(() => loadConfig({ ZEROSEC_CORS_ORIGINS: origin })).toThrow(ConfigError);
      expect(() => loadConfig({ ZEROSEC_CORS_ORIGINS: origin })).toThrow(/ZEROSEC_CORS_ORIGINS/);
    },
  );

  it('refuses an unknown authentication mode', () => {
    expect(() => loadConfig({ ZEROSEC_AUTH: 'basic' })).toThrow(/ZEROSEC_AUTH/);
  });
});
