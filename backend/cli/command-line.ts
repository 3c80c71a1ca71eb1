/**
 * `node:util` parseArgs with the CLI's conventions: strict options, errors as UsageError, and the options every
 * client command shares (server, token, help), so each command file only declares its own.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8710';

type Options = NonNullable<ParseArgsConfig['options']>;

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

export const CONNECTION_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
} as const satisfies Options;

/** parseArgs in strict mode; its TypeErrors (unknown option, missing value) become UsageErrors. */
export function parseCommandLine<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface Connection {
  serverUrl: string;
  token: string | undefined;
}

/** `--server`, else `ZEROSEC_SERVER_URL`, else the local default; `--token`, else `ZEROSEC_TOKEN`. */
export function resolveConnection(
  values: { server?: string | undefined; token?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Connection {
  const serverUrl = values.server ?? (env.ZEROSEC_SERVER_URL || DEFAULT_SERVER_URL);
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new UsageError(`--server: not a URL: ${serverUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server: expected an http(s) URL, got ${serverUrl}`);
  }
  return { serverUrl, token: values.token ?? (env.ZEROSEC_TOKEN || undefined) };
}

/** Exactly `count` positionals, named in the error so the user sees what is missing. */
export function expectPositionals(positionals: string[], names: string[], usage: string): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(
      `missing ${names
        .slice(positionals.length)
        .map((n) => `<${n}>`)
        .join(' ')}\nusage: ${usage}`,
    );
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument: ${positionals[names.length]}\nusage: ${usage}`);
  }
  return positionals;
}

export function parseIntegerOption(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()))
    throw new UsageError(`--${name}: expected an integer, got ${JSON.stringify(text)}`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`--${name}: expected ${min}..${max}, got ${value}`);
  return value;
}

export function parseChoiceOption<T extends string>(name: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${name}: expected one of ${choices.join(', ')}; got ${JSON.stringify(text)}`);
}
