import { AppConfig, formatPence, formatUk } from '@grants/core';
import type nunjucks from 'nunjucks';

/** Options and filters for the view engine (@fastify/view calls nunjucks.configure itself). */
export function nunjucksOptions(config: AppConfig) {
  return {
    autoescape: true,
    throwOnUndefined: false,
    noCache: config.NODE_ENV === 'development',
    onConfigure: (env: nunjucks.Environment) => {
      env.addFilter('pence', (value: number) => formatPence(value));
      env.addFilter('ukTime', (value: Date | string) =>
        formatUk(typeof value === 'string' ? new Date(value) : value),
      );
    },
  };
}
