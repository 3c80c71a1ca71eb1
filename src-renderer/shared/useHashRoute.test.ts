import { describe, expect, it } from 'vitest';
import { logHash, parseHash } from './useHashRoute.js';

const ID = '22222222-2222-4222-8222-222222222222';

describe('parseHash', () => {
  it('reads the experiment-log pages and their tabs, and falls back to home', () => {
    expect(parseHash('#/logs')).toEqual({ page: 'logs' });
    expect(parseHash(`#/logs/${ID}`)).toEqual({ page: 'log', logId: ID, tab: 'rows' });
    expect(parseHash(`#/logs/${ID.toUpperCase()}/history`)).toEqual({
      page: 'log',
      logId: ID,
      tab: 'history',
    });
    expect(parseHash(`#/logs/${ID}/import`)).toEqual({ page: 'log', logId: ID, tab: 'import' });
    expect(parseHash(`#/logs/${ID}/other`)).toEqual({ page: 'home' });
    expect(parseHash(logHash(ID, 'history'))).toEqual({ page: 'log', logId: ID, tab: 'history' });
    expect(logHash(ID)).toBe(`#/logs/${ID}`);
  });
});
