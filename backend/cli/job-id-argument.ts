/** Checks a job id on the command line before a request is made, so a typo exits 2 with a clear message. */
import { z } from 'zod';
import { UsageError } from './usage-error.js';

export function parseJobId(text: string): string {
  if (z.uuid().safeParse(text).success) return text;
  throw new UsageError(
    `${JSON.stringify(text)} is not a job id (expected a UUID such as 0b7c5a2e-8f1d-4c3b-9a6e-2d4f5b6c7d8e)`,
  );
}
