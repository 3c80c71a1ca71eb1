/**
 * `zerosec token create|list|revoke`: manages a team server's API tokens directly in its database (run on the
 * server host, with the server's DATABASE_URL or data folder). A new token is printed once and never stored.
 */
import { isValidUserName, type ApiTokenInfo } from '../core/auth/api-tokens.js';
import type { TokenAdmin } from '../app/token-admin.js';
import { reportFailure } from './api-error-report.js';
import type { CliIo } from './cli-io.js';
import { HELP_OPTION, expectPositionals, parseCommandLine } from './command-line.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { UsageError } from './usage-error.js';

export const TOKEN_USAGE =
  'zerosec token create --user NAME | token list | token revoke ID   [--data-dir DIR]\n' +
  '  API tokens for a server started with ZEROSEC_AUTH=tokens; uses DATABASE_URL, else the data folder (stop an\n' +
  '  embedded server first). `create` prints the new token once on stdout.';

export type OpenTokenAdmin = (env: CliIo['env'], dataDir?: string) => Promise<TokenAdmin>;

/** Loaded on demand, like serve: the client commands never load the database drivers. */
async function loadOpenTokenAdmin(): Promise<OpenTokenAdmin> {
  const { openTokenAdmin } = await import('../app/token-admin.js');
  return openTokenAdmin;
}

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

function formatList(tokens: ApiTokenInfo[]): string {
  const rows = [
    ['ID', 'USER', 'CREATED', 'LAST USED', 'STATE'],
    ...tokens.map((t) => [
      t.id,
      t.user,
      when(t.createdAt),
      when(t.lastUsedAt),
      t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map(
      (r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}

export async function tokenCommand(argv: string[], io: CliIo, open?: OpenTokenAdmin): Promise<number> {
  let action: string;
  let values: { help?: boolean; user?: string; 'data-dir'?: string };
  let positionals: string[];
  try {
    const parsed = parseCommandLine(argv, {
      ...HELP_OPTION,
      user: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    values = parsed.values;
    if (values.help) {
      io.stdout.write(`usage: ${TOKEN_USAGE}\n`);
      return EXIT_OK;
    }
    [action = '', ...positionals] = parsed.positionals;
    if (action === 'create') {
      expectPositionals(positionals, [], TOKEN_USAGE);
      if (values.user === undefined) throw new UsageError(`missing --user NAME\nusage: ${TOKEN_USAGE}`);
      if (!isValidUserName(values.user))
        throw new UsageError('--user: use letters, digits and . _ @ + - (at most 200 characters)');
    } else if (action === 'list') expectPositionals(positionals, [], TOKEN_USAGE);
    else if (action === 'revoke') expectPositionals(positionals, ['ID'], TOKEN_USAGE);
    else throw new UsageError(`expected create, list or revoke\nusage: ${TOKEN_USAGE}`);
    if (action !== 'create' && values.user !== undefined)
      throw new UsageError(`--user belongs to token create\nusage: ${TOKEN_USAGE}`);
  } catch (error) {
    return reportFailure(error, io.stderr);
  }

  let admin: TokenAdmin;
  try {
    admin = await (open ?? (await loadOpenTokenAdmin()))(io.env, values['data-dir']);
  } catch (error) {
    if (error instanceof Error && error.name === 'ConfigError') {
      io.stderr.write(`zerosec: ${error.message}\n`);
      return EXIT_USAGE;
    }
    return reportFailure(error, io.stderr);
  }
  try {
    if (action === 'create') {
      const created = await admin.tokens.create(values.user!);
      io.stderr.write(
        `Created token ${created.id} for ${created.user}. It is shown only this once; send it as ` +
          '`Authorization: Bearer <token>` (zerosec --token, ZEROSEC_TOKEN).\n',
      );
      io.stdout.write(`${created.token}\n`);
    } else if (action === 'list') {
      io.stdout.write(formatList(await admin.tokens.list()));
    } else {
      const revoked = await admin.tokens.revoke(positionals[0]!);
      if (!revoked) {
        io.stderr.write(`zerosec: no token ${JSON.stringify(positionals[0])} (see zerosec token list)\n`);
        return EXIT_USAGE;
      }
      io.stdout.write(`Revoked token ${revoked.id} of ${revoked.user}.\n`);
    }
    return EXIT_OK;
  } catch (error) {
    reportFailure(error, io.stderr);
    return EXIT_FAILURE;
  } finally {
    await admin.close();
  }
}
