import { Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';

/** One pino configuration for Fastify's request logger and for everything else. */
export function pinoOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
}

/**
 * Structured JSON logs. In the server, Fastify's own pino logger writes a line per request with
 * its request id (reqId), and nestjs-pino reuses it (useExisting); the worker logs job ids.
 */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: pinoOptions(config), useExisting: true }),
    }),
  ],
})
export class LoggerModule {}
