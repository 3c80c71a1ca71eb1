/** Reads and validates the backend's environment once at start, so a bad setting fails loudly and by name. */
import { z } from 'zod';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../src-shared/api/http.js';
import { defaultDataDir } from './data-dir.js';

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

const EnvSchema = z.object({
  ZEROSEC_DATA_DIR: z.string().min(1).optional(),
  ZEROSEC_HOST: z.string().min(1).default('127.0.0.1'),
  ZEROSEC_PORT: z.coerce.number().int().min(0).max(65535).default(8710),
  /** PostgreSQL connection string; when unset the embedded PGlite database in the data folder is used. */
  DATABASE_URL: z.string().min(1).optional(),
  ZEROSEC_MAX_UPLOAD_BYTES: positiveInt.default(DEFAULT_MAX_UPLOAD_BYTES),
  ZEROSEC_SIGNED_URL_TTL_SECONDS: positiveInt.default(3600),
  /** HMAC key for signed URLs; when unset a random key is kept in the data folder. */
  ZEROSEC_SIGNING_SECRET: z.string().min(32).optional(),
  ZEROSEC_LEASE_SECONDS: z.coerce.number().positive().default(30),
  ZEROSEC_MAX_ATTEMPTS: positiveInt.default(3),
  ZEROSEC_RETRY_BASE_SECONDS: z.coerce.number().min(0).default(5),
  ZEROSEC_WORKER_CONCURRENCY: positiveInt.default(1),
  ZEROSEC_POLL_INTERVAL_MS: positiveInt.default(500),
  ZEROSEC_SHUTDOWN_GRACE_MS: nonNegativeInt.default(5000),
  ZEROSEC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `tokens`: every API request needs a bearer token from `zerosec token create` (team servers); `none`: open. */
  ZEROSEC_AUTH: z.enum(['none', 'tokens']).default('none'),
  /** Comma-separated page origins allowed to call the API from a browser (CORS); none by default. */
  ZEROSEC_CORS_ORIGINS: z.string().optional(),
  /** API requests per token (or per address without one) and window; 0 turns it off. Default: 600 with tokens, else off. */
  ZEROSEC_RATE_LIMIT_MAX: nonNegativeInt.optional(),
  ZEROSEC_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
  /** Fault injection for tests: every progress checkpoint of a job waits this long. Never set in production. */
  ZEROSEC_TEST_PROGRESS_DELAY_MS: nonNegativeInt.default(0),
});

export interface BackendConfig {
  dataDir: string;
  host: string;
  port: number;
  databaseUrl: string | null;
  maxUploadBytes: number;
  signedUrlTtlSeconds: number;
  signingSecret: string | null;
  leaseSeconds: number;
  maxAttempts: number;
  retryBaseSeconds: number;
  workerConcurrency: number;
  pollIntervalMs: number;
  shutdownGraceMs: number;
  logLevel: z.infer<typeof EnvSchema>['ZEROSEC_LOG_LEVEL'];
  testProgressDelayMs: number;
  auth: 'none' | 'tokens';
  corsOrigins: string[];
  /** null: no rate limit. */
  rateLimit: { max: number; windowSeconds: number } | null;
}

/** Requests per window and token when ZEROSEC_AUTH=tokens and ZEROSEC_RATE_LIMIT_MAX is unset. */
export const DEFAULT_RATE_LIMIT_MAX = 600;

/** `https://a.example, app://x` → exact origins; a path, a wildcard or a trailing slash is refused by name. */
function parseOrigins(text: string | undefined): string[] | string {
  const origins = (text ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of origins) {
    // Custom schemes (app://zerosec) have an opaque origin in WHATWG URLs; check their shape instead.
    const exact = URL.canParse(origin) && new URL(origin).origin === origin;
    const custom = /^[a-z][a-z0-9+.-]*:\/\/[^/?#*]+$/i.test(origin) && !/^https?:/i.test(origin);
    if (!exact && !custom)
      return `ZEROSEC_CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path)`;
  }
  return origins;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates `env` (default: process.env); throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): BackendConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const corsOrigins = parseOrigins(e.ZEROSEC_CORS_ORIGINS);
  if (typeof corsOrigins === 'string') throw new ConfigError(`Invalid configuration:\n  ${corsOrigins}`);
  const rateLimitMax = e.ZEROSEC_RATE_LIMIT_MAX ?? (e.ZEROSEC_AUTH === 'tokens' ? DEFAULT_RATE_LIMIT_MAX : 0);
  return {
    dataDir: e.ZEROSEC_DATA_DIR ?? defaultDataDir(),
    host: e.ZEROSEC_HOST,
    port: e.ZEROSEC_PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    maxUploadBytes: e.ZEROSEC_MAX_UPLOAD_BYTES,
    signedUrlTtlSeconds: e.ZEROSEC_SIGNED_URL_TTL_SECONDS,
    signingSecret: e.ZEROSEC_SIGNING_SECRET ?? null,
    leaseSeconds: e.ZEROSEC_LEASE_SECONDS,
    maxAttempts: e.ZEROSEC_MAX_ATTEMPTS,
    retryBaseSeconds: e.ZEROSEC_RETRY_BASE_SECONDS,
    workerConcurrency: e.ZEROSEC_WORKER_CONCURRENCY,
    pollIntervalMs: e.ZEROSEC_POLL_INTERVAL_MS,
    shutdownGraceMs: e.ZEROSEC_SHUTDOWN_GRACE_MS,
    logLevel: e.ZEROSEC_LOG_LEVEL,
    testProgressDelayMs: e.ZEROSEC_TEST_PROGRESS_DELAY_MS,
    auth: e.ZEROSEC_AUTH,
    corsOrigins,
    rateLimit:
      rateLimitMax > 0 ? { max: rateLimitMax, windowSeconds: e.ZEROSEC_RATE_LIMIT_WINDOW_SECONDS } : null,
  };
}
