/** Writes doubles to JSON and reads them back bit for bit, because JSON itself has no NaN, ±Infinity or −0 and a model file must predict exactly what the trained model did. */
import { z } from 'zod';

/**
 * Glossary:
 * - float token: the string written in place of a double JSON cannot hold: 'NaN', 'Infinity', '-Infinity', and
 *   '-0' (JSON.stringify writes −0 as 0). Every finite double other than −0 is written as a plain JSON number,
 *   which JSON.parse restores exactly (ECMAScript prints the shortest round-tripping decimal).
 * - Float / FloatArray: schemas that accept a number or a float token and produce the double.
 */

export const FLOAT_TOKENS = ['NaN', 'Infinity', '-Infinity', '-0'] as const;
export type FloatToken = (typeof FLOAT_TOKENS)[number];

/** The JSON form of one double: itself, or its token (see the glossary). Pure. */
export function encodeFloat(v: number): number | FloatToken {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

/** The double a JSON value stands for, or undefined when it is neither a number nor a float token. Pure. */
export function decodeFloat(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  switch (v) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      return undefined;
  }
}

/**
 * A deep copy of a JSON-shaped value (plain objects, arrays, typed arrays, primitives) with every number replaced
 * by `encodeFloat` of it, ready for JSON.stringify. Typed arrays become plain arrays. Pure.
 */
export function encodeFloatsDeep(value: unknown): unknown {
  if (typeof value === 'number') return encodeFloat(value);
  if (Array.isArray(value)) return value.map(encodeFloatsDeep);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, encodeFloat);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeFloatsDeep(v);
    return out;
  }
  return value;
}

const FLOAT_MESSAGE = `expected a number or one of ${FLOAT_TOKENS.map((t) => `"${t}"`).join(', ')}`;

/** One double: a JSON number (any double, when not read from text) or a float token. */
export const Float = z.unknown().transform((v, ctx) => {
  const d = decodeFloat(v);
  if (d !== undefined) return d;
  ctx.addIssue({ code: 'custom', message: FLOAT_MESSAGE, input: v });
  return z.NEVER;
});

/**
 * An array of doubles (numbers or float tokens). Checked in one loop rather than element by element through a
 * union, because a forest holds millions of them; a bad entry is reported at its index.
 */
export const FloatArray = z.array(z.unknown()).transform((a, ctx) => {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = decodeFloat(a[i]);
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: FLOAT_MESSAGE, path: [i], input: a[i] });
      return z.NEVER;
    }
    out[i] = v;
  }
  return out;
});

/** An array of safe integers, checked in one loop (see FloatArray). */
export const IntArray = z.array(z.unknown()).transform((a, ctx) => {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isSafeInteger(a[i])) {
      ctx.addIssue({ code: 'custom', message: 'expected an integer', path: [i], input: a[i] });
      return z.NEVER;
    }
  }
  return a as number[];
});
