/** A failed call's text for the user: the server's message when it sent one (ApiError), else the error's own. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
