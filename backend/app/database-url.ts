/**
 * DATABASE_URL from its parts: on AWS, ECS injects the RDS secret's host, port, user and password as PG* variables
 * (a URL cannot be assembled from secret fields there), so the backend assembles it. An explicit DATABASE_URL wins.
 */
type Env = Record<string, string | undefined>;

export function withDatabaseUrl(env: Env): Env {
  if (env.DATABASE_URL || !env.PGHOST || !env.PGUSER || !env.PGPASSWORD) return env;
  const url = new URL('postgres://localhost');
  url.hostname = env.PGHOST;
  url.port = env.PGPORT ?? '5432';
  url.username = encodeURIComponent(env.PGUSER);
  url.password = encodeURIComponent(env.PGPASSWORD);
  url.pathname = `/${encodeURIComponent(env.PGDATABASE ?? env.PGUSER)}`;
  if (env.PGSSLMODE) url.searchParams.set('sslmode', env.PGSSLMODE);
  return { ...env, DATABASE_URL: url.toString() };
}
