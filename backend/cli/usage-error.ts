/** Marks mistakes in how the CLI was called, so main can print them with a usage hint and exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
