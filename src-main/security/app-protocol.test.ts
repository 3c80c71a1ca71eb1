import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveInside } from './app-protocol.js';

let root: string;
let handler: (request: Request) => Promise<Response>;
const CSP = "default-src 'none'";

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zerosec-protocol-'));
  await mkdir(path.join(root, 'renderer', 'assets'), { recursive: true });
  await writeFile(
    path.join(root, 'renderer', 'index.html'),
    `<html><head><meta http-equiv="Content-Security-Policy" content="connect-src http://127.0.0.1:*"><script src="./assets/app.js"></script></head></html>`,
  );
  await writeFile(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'outside');
  handler = createAppProtocolHandler({
    rootDir: path.join(root, 'renderer'),
    csp: () => CSP,
    splashHtml: () => '<p>…</p>',
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('serves the built UI with the CSP header and without the looser <meta> policy', async () => {
    const response = await handler(new Request('app://zerosec/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).not.toContain('Content-Security-Policy');
    expect(html).toContain('./assets/app.js');
    const js = await handler(new Request('app://zerosec/assets/app.js'));
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await handler(new Request('app://zerosec/'))).status).toBe(200);
  });

  it('serves the splash page', async () => {
    const response = await handler(new Request('app://zerosec/__splash'));
    expect(await response.text()).toBe('<p>…</p>');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it('never leaves the renderer folder, and refuses other hosts and methods', async () => {
    for (const url of [
      'app://zerosec/../secret.txt',
      'app://zerosec/%2e%2e/secret.txt',
      'app://zerosec/assets/%2e%2e%2f..%2fsecret.txt',
    ]) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect(resolveInside('/r', '/%2e%2e/x')).toBeNull();
    expect(resolveInside('/r', '/a%00b')).toBeNull();
    expect(resolveInside('/r', '/%E0%A4%A')).toBeNull();
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://zerosec/missing.js'))).status).toBe(404);
    expect(
      (await handler(new Request('app://zerosec/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});
