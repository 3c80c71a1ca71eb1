/**
 * The container HEALTHCHECK: an API container is healthy when its /health answers `ok`; a worker container (no
 * HTTP listener) when the database it claims jobs from answers. The mode is read from the container's main process
 * (`serve --mode …`), so one image and one HEALTHCHECK serve both. Exits 0 when healthy, 1 when not.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

function containerMode(): string {
  if (process.env.ZEROSEC_HEALTH_MODE) return process.env.ZEROSEC_HEALTH_MODE;
  try {
    const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0');
    const i = args.indexOf('--mode');
    return i >= 0 ? (args[i + 1] ?? 'all') : 'all';
  } catch {
    return 'all';
  }
}

async function healthy(): Promise<boolean> {
  if (containerMode() === 'worker') {
    const client = new pg.Client({
      connectionString: process.env.DATABASE_URL,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const port = process.env.ZEROSEC_PORT ?? '8710';
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) });
  return res.ok && ((await res.json()) as { status?: string }).status === 'ok';
}

healthy().then(
  (ok) => process.exit(ok ? 0 : 1),
  () => process.exit(1),
);
