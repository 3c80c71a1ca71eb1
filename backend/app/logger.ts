/** One structured logger per process; job logs carry job_id through child loggers. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string, name = 'zerosec'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
