/** Reads the NIST StRD fixtures that the analysis tests also use, as plain doubles. */
import { readFileSync } from 'node:fs';

export interface NistDataset {
  name: string;
  predictors: string[];
  data: Record<string, number[]>;
  certified: {
    parameters: Array<{ name: string; term: string; estimate: number; std_dev: number }>;
    residual_sd: number;
    r_squared: number;
  };
}

export function loadNist(name: string): NistDataset {
  const url = new URL(`../../backend/analysis/__fixtures__/nist-strd/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as NistDataset;
}

export const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
