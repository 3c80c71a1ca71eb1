/** The exit codes scripts branch on, in one place so every command means the same thing by them. */

/** The job completed, or the request succeeded. */
export const EXIT_OK = 0;
/** The job failed or was cancelled, or the server could not be reached or broke. */
export const EXIT_FAILURE = 1;
/** The command line, a parameter, the input file or the request was invalid: fix the call, do not retry it. */
export const EXIT_USAGE = 2;
/** Interrupted by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;
