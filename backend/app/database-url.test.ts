/** DATABASE_URL assembled from the PG* parts ECS injects, with passwords that need escaping. */
import { describe, expect, it } from 'vitest';
import { withDatabaseUrl } from './database-url.js';

describe('withDatabaseUrl', () => {
  it('keeps an explicit DATABASE_URL and leaves an environment without parts alone', () => {
    expect(withDatabaseUrl({ DATABASE_URL: 'postgres://a@b/c', PGHOST: 'x' }).DATABASE_URL).toBe(
      'postgres://a@b/c',
    );
    expect(withDatabaseUrl({ PGHOST: 'x' }).DATABASE_URL).toBeUndefined();
  });

  it('assembles the URL, escaping the password', () => {
    const env = withDatabaseUrl({
      PGHOST: 'db.abc.eu-west-1.rds.amazonaws.com',
      PGPORT: '5432',
      PGUSER: 'zerosec',
      PGPASSWORD: 'p@ss/w:rd?#',
      PGDATABASE: 'zerosec',
      PGSSLMODE: 'no-verify',
    });
    const url = new URL(env.DATABASE_URL!);
    expect(url.hostname).toBe('db.abc.eu-west-1.rds.amazonaws.com');
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd?#');
    expect(url.pathname).toBe('/zerosec');
    expect(url.searchParams.get('sslmode')).toBe('no-verify');
  });
});
