import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { FastifyLoggerOptions } from 'fastify';
import { AppConfig } from '../config/app-config';

const NEST_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * Fastify's own logger (pino) writes one JSON line per request with its request id (reqId);
 * this is its configuration.
 */
export function pinoOptions(config: AppConfig): FastifyLoggerOptions & { redact: string[] } {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
}

/** Everything else the apps log (start-up, jobs with their ids, errors): JSON lines too. */
export function createAppLogger(config: AppConfig): ConsoleLogger {
  return new ConsoleLogger({ json: true, colors: false, logLevels: NEST_LEVELS[config.LOG_LEVEL] });
}
