/** docs/api.md is generated from the OpenAPI document; this fails when a route changed and the docs did not. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_DOCS_PATH, fetchOpenApi, renderApiDocs } from '../../scripts/api-docs.js';

describe('docs/api.md', () => {
  it('matches the OpenAPI document the server publishes (run `npm run docs:api` to update)', async () => {
    const expected = renderApiDocs(await fetchOpenApi());
    const actual = await readFile(API_DOCS_PATH, 'utf8').catch(() => '');
    expect(actual, 'docs/api.md is stale: run `npm run docs:api`').toBe(expected);
  });
});
