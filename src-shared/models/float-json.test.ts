import { describe, expect, it } from 'vitest';
import { Float, FloatArray, IntArray, decodeFloat, encodeFloat, encodeFloatsDeep } from './float-json.js';

describe('float tokens', () => {
  it('write NaN, ±∞ and −0 as tokens and read them back; other doubles stay numbers', () => {
    const special = [Number.NaN, Infinity, -Infinity, -0, 0, 5e-324, -Number.MAX_VALUE, 0.1 + 0.2];
    const text = JSON.stringify(
      encodeFloatsDeep({ a: special, t: Float64Array.from(special), s: 'x', z: null }),
    );
    expect(text).toBe(
      '{"a":["NaN","Infinity","-Infinity","-0",0,5e-324,-1.7976931348623157e+308,0.30000000000000004],' +
        '"t":["NaN","Infinity","-Infinity","-0",0,5e-324,-1.7976931348623157e+308,0.30000000000000004],"s":"x","z":null}',
    );
    const back = FloatArray.parse((JSON.parse(text) as { a: unknown[] }).a);
    special.forEach((v, i) => expect(Object.is(back[i], v)).toBe(true));
    expect(encodeFloat(1.5)).toBe(1.5);
    expect(decodeFloat('nan')).toBeUndefined();
  });

  it('name the bad index', () => {
    const r = FloatArray.safeParse([1, 'inf']);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([1]);
    expect(r.error!.issues[0]!.message).toMatch(/expected a number or one of "NaN"/);
    expect(IntArray.safeParse([1, 2.5]).error!.issues[0]!.path).toEqual([1]);
    expect(Float.safeParse('x').success).toBe(false);
    expect(Float.parse(-Infinity)).toBe(-Infinity);
  });
});
