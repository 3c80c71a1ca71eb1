/** Fuzzes the embedded store's URL signatures: any change to a signed field or to the signature must be refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sign, verify, type SignedFields } from './signed-url.js';

/** Runs per property: ~300 in CI, `npm run test:fuzz` sets ZEROSEC_FUZZ_RUNS=10000. */
const RUNS = Number(process.env.ZEROSEC_FUZZ_RUNS ?? 300);
/** Room for the full fuzz run on a slow machine; CI runs take a second or two. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 30);

const NOW = 1_800_000_000;

const segment = fc.stringMatching(/^[A-Za-z0-9._\-\u3040-\u30ff]{1,20}$/);
const key = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const secret = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((b) => Buffer.from(b));

const fields: fc.Arbitrary<SignedFields> = fc.oneof(
  fc.record({
    method: fc.constant('PUT' as const),
    key,
    expires: fc.integer({ min: NOW, max: NOW + 86_400 }),
    contentType: fc.constantFrom('text/csv', 'application/octet-stream', 'text/tab-separated-values'),
    contentLength: fc.integer({ min: 1, max: 2 ** 40 }),
  }),
  fc.record({
    method: fc.constant('GET' as const),
    key,
    expires: fc.integer({ min: NOW, max: NOW + 86_400 }),
    fileName: fc.option(segment, { nil: undefined }),
  }),
);

type Mutation = (f: SignedFields) => fc.Arbitrary<SignedFields>;

/** One arbitrary per signed field, each producing a value different from the original. */
const MUTATIONS: Record<string, Mutation> = {
  key: (f) =>
    fc
      .oneof(key, fc.string({ maxLength: 40 }), fc.constant(f.key + '/x'), fc.constant(f.key.slice(0, -1)))
      .filter((k) => k !== f.key)
      .map((k) => ({ ...f, key: k })),
  expires: (f) =>
    fc
      .oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(f.expires + 1), fc.constant(f.expires + 3600))
      .filter((e) => e !== f.expires)
      .map((e) => ({ ...f, expires: e })),
  method: (f) => fc.constant({ ...f, method: f.method === 'PUT' ? ('GET' as const) : ('PUT' as const) }),
  contentType: (f) =>
    fc
      .oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('text/html', 'TEXT/CSV', 'text/csv ', 'text/csv;x=1'),
      )
      .map((ct) => (ct === '' ? undefined : ct))
      .filter((ct) => ct !== f.contentType)
      .map((ct) => ({ ...f, contentType: ct })),
  contentLength: (f) =>
    fc
      .oneof(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constant((f.contentLength ?? 0) + 1),
        fc.constant(undefined),
      )
      .filter((n) => n !== f.contentLength)
      .map((n) => ({ ...f, contentLength: n })),
  fileName: (f) =>
    fc
      .oneof(segment, fc.string({ minLength: 1, maxLength: 40 }), fc.constant(undefined))
      .filter((n) => n !== f.fileName)
      .map((n) => ({ ...f, fileName: n })),
};

describe('signed URLs under mutation', () => {
  it(
    'a genuine signature verifies until it expires',
    () => {
      fc.assert(
        fc.property(secret, fields, (s, f) => {
          const signature = sign(s, f);
          expect(verify(s, f, signature, NOW)).toBe('ok');
          expect(verify(s, f, signature, f.expires + 1)).toBe('expired');
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    it(
      `changing ${name} is refused`,
      () => {
        fc.assert(
          fc.property(
            secret,
            fields.chain((f) => mutate(f).map((m) => [f, m] as const)),
            (s, [original, mutated]) => {
              expect(verify(s, mutated, sign(s, original), NOW)).toBe('bad_signature');
            },
          ),
          { numRuns: RUNS },
        );
      },
      TIMEOUT_MS,
    );
  }

  it(
    'changing several fields at once is refused',
    () => {
      const names = Object.keys(MUTATIONS);
      fc.assert(
        fc.property(
          secret,
          fields.chain((f) =>
            fc
              .subarray(names, { minLength: 2 })
              .chain((picked) =>
                picked.reduce<fc.Arbitrary<SignedFields>>(
                  (acc, n) => acc.chain((g) => MUTATIONS[n]!(g)),
                  fc.constant(f),
                ),
              )
              .map((m) => [f, m] as const),
          ),
          (s, [original, mutated]) => {
            fc.pre(JSON.stringify(original) !== JSON.stringify(mutated));
            expect(verify(s, mutated, sign(s, original), NOW)).toBe('bad_signature');
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'any other signature string is refused: flipped hex digits, case, length, junk',
    () => {
      fc.assert(
        fc.property(
          secret,
          fields,
          fc.oneof(
            fc.tuple(fc.nat(63), fc.constantFrom(...'0123456789abcdef')).map(
              ([i, h]) =>
                (sig: string) =>
                  sig.slice(0, i) + h + sig.slice(i + 1),
            ),
            fc.constant((sig: string) => sig.toUpperCase()),
            fc.constant((sig: string) => sig.slice(0, -1)),
            fc.constant((sig: string) => sig + '0'),
            fc.constant((sig: string) => ` ${sig}`),
            fc.string({ maxLength: 80 }).map((junk) => () => junk),
          ),
          (s, f, change) => {
            const signature = sign(s, f);
            const altered = change(signature);
            fc.pre(altered !== signature);
            expect(verify(s, f, altered, NOW)).toBe('bad_signature');
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a signature made with another secret is refused',
    () => {
      fc.assert(
        fc.property(secret, secret, fields, (a, b, f) => {
          fc.pre(!a.equals(b));
          expect(verify(b, f, sign(a, f), NOW)).toBe('bad_signature');
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
