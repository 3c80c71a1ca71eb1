/**
 * Turns `--param key=value` and `--params-file` into job parameters and checks them against the job type's schema
 * before anything is uploaded, so a typo costs a message naming the field instead of an upload and a failed job.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { JOB_PARAMETER_SCHEMAS, JOB_TYPES, type JobType } from '../../src-shared/api/job-types.js';
import { UsageError } from './usage-error.js';

export function parseJobType(text: string): JobType {
  if ((JOB_TYPES as readonly string[]).includes(text)) return text as JobType;
  throw new UsageError(`unknown job type ${JSON.stringify(text)}; expected one of: ${JOB_TYPES.join(', ')}`);
}

/** JSON when the text is valid JSON (`3`, `true`, `["a","b"]`, `null`), otherwise the text itself. */
export function parseParamValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `key=value` pairs in order; a later key replaces an earlier one. */
export function parseParamAssignments(assignments: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    const key = eq === -1 ? '' : assignment.slice(0, eq).trim();
    if (eq === -1 || key === '') {
      throw new UsageError(`--param ${JSON.stringify(assignment)}: expected key=value`);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new UsageError(
        `--param ${JSON.stringify(assignment)}: ${JSON.stringify(key)} is not a parameter name`,
      );
    }
    out[key] = parseParamValue(assignment.slice(eq + 1));
  }
  return out;
}

/** A JSON object from `--params-file`, resolved against `cwd`. */
export async function readParamsFile(file: string, cwd: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--params-file ${file}: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--params-file ${file}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new UsageError(`--params-file ${file}: expected a JSON object of parameters`);
  }
  return json as Record<string, unknown>;
}

/** The file's parameters with each `--param` on top. */
export async function collectParameters(
  assignments: readonly string[],
  paramsFile: string | undefined,
  cwd: string,
): Promise<Record<string, unknown>> {
  const fromFile = paramsFile === undefined ? {} : await readParamsFile(paramsFile, cwd);
  return { ...fromFile, ...parseParamAssignments(assignments) };
}

export type ParameterCheck = { ok: true } | { ok: false; problems: string[] };

/** Validates with the job type's schema; each problem names its field as `parameters.<path>`. */
export function checkJobParameters(jobType: JobType, parameters: Record<string, unknown>): ParameterCheck {
  const schema: z.ZodType = JOB_PARAMETER_SCHEMAS[jobType];
  const result = schema.safeParse(parameters);
  if (result.success) return { ok: true };
  const known = Object.keys(JOB_PARAMETER_SCHEMAS[jobType].shape).sort();
  const problems = result.error.issues.flatMap((issue): string[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `parameters.${key}: not a parameter of ${jobType} (known: ${known.join(', ')})`,
      );
    }
    const field = ['parameters', ...issue.path.map(String)].join('.');
    const value = valueAt(parameters, issue.path);
    const hint =
      issue.code === 'invalid_type' && issue.expected === 'array' && typeof value === 'string'
        ? ` (pass a JSON array: --param ${String(issue.path[0])}='${JSON.stringify(value.split(','))}')`
        : '';
    return [`${field}: ${issue.message}${hint}`];
  });
  return { ok: false, problems };
}

function valueAt(root: unknown, pathParts: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of pathParts) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}
