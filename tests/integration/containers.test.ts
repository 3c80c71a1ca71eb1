/**
 * Docker cannot run here, so the container files are checked by reading them: a multi-stage image that runs as a
 * non-root user with a HEALTHCHECK, a compose file with the database, an S3-compatible store, the API and two
 * workers that publishes no database port, and .env examples that the backend's own validation accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../backend/config/config.js';
import { DEPLOYMENT_VARIABLES, loadDeploymentConfig } from '../../backend/app/deployment-config.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(dockerfile: string): Array<{ op: string; args: string }> {
  const joined = dockerfile
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  healthcheck?: unknown;
  depends_on?: Record<string, { condition: string }>;
}

describe('backend/Dockerfile', () => {
  const all = instructions(read('backend/Dockerfile'));
  const lastFrom = all.map((i) => i.op).lastIndexOf('FROM');
  const runtime = all.slice(lastFrom);

  it('builds in several stages and copies only build output into the runtime stage', () => {
    expect(all.filter((i) => i.op === 'FROM').length).toBeGreaterThanOrEqual(3);
    const copies = runtime.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copies.some((c) => c.includes('--from=build') && c.includes('/app/dist'))).toBe(true);
    expect(copies.some((c) => c.includes('--from=prod-deps') && c.includes('node_modules'))).toBe(true);
    expect(copies.filter((c) => !c.includes('--from=')).every((c) => c.endsWith('package.json ./'))).toBe(
      true,
    );
  });

  it('runs as a non-root user with a healthcheck, for api and worker alike', () => {
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.findIndex((i) => i.op === 'USER')).toBeLessThan(
      runtime.findIndex((i) => i.op === 'ENTRYPOINT'),
    );
    const health = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(health?.args).toContain('dist/backend/app/healthcheck.js');
    expect(runtime.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["node", "bin/zerosec.js", "serve"]');
  });

  it('has a build context that leaves out node_modules and secrets', () => {
    const ignore = read('backend/Dockerfile.dockerignore');
    expect(ignore).toMatch(/^\*\*\/node_modules$/m);
    expect(ignore).toMatch(/^\.env$/m);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;

  it('runs PostgreSQL, an S3-compatible store, the API and two workers from the backend image', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'minio', 'api', 'worker']));
    expect(services.postgres!.image).toMatch(/^postgres:15/);
    for (const name of ['api', 'worker']) {
      expect(services[name]!.build).toEqual({ context: '.', dockerfile: 'backend/Dockerfile' });
      expect(services[name]!.environment).toMatchObject({
        BLOB_STORE: 's3',
        S3_ENDPOINT: 'http://minio:9000',
      });
      expect(services[name]!.environment!.DATABASE_URL).toMatch(/@postgres:5432\//);
    }
    expect(services.api!.command).toEqual(['--mode', 'api']);
    expect(services.worker!.command?.slice(0, 2)).toEqual(['--mode', 'worker']);
    expect(services.worker!.deploy?.replicas).toBe(2);
    expect(services.worker!.depends_on?.api?.condition).toBe('service_healthy');
  });

  it('publishes no database port, and the rest on 127.0.0.1 by default', () => {
    expect(services.postgres!.ports ?? []).toEqual([]);
    const published = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const p of published) {
      const resolved = p.replace(/\$\{[A-Z0-9_]+:-([^}]+)\}/g, '$1');
      expect(resolved, p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
      expect(resolved).not.toMatch(/:5432$/);
    }
  });
});

describe('.env examples', () => {
  const envOf = (text: string) =>
    Object.fromEntries(
      text
        .split('\n')
        .filter((l) => /^[A-Z0-9_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );

  it('backend/.env.example is valid as written and names every deployment variable', () => {
    const text = read('backend/.env.example');
    const env = envOf(text);
    expect(() => loadConfig(env)).not.toThrow();
    expect(() => loadDeploymentConfig(env)).not.toThrow();
    for (const name of DEPLOYMENT_VARIABLES) expect(text, name).toContain(name);
  });

  it('.env.example sets every variable compose.yaml requires', () => {
    const required = [...read('compose.yaml').matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]!);
    const env = envOf(read('.env.example'));
    for (const name of new Set(required)) expect(env[name], name).toBeTruthy();
  });
});
