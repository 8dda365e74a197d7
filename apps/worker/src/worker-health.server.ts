import { RedisClient } from '@grants/core';
import { INestApplicationContext } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { DataSource } from 'typeorm';

/**
 * The worker has no web app, only this: GET /health answers 200 when the database and Redis
 * answer, 503 otherwise, for the container orchestrator's health check.
 */
export function startWorkerHealthServer(
  app: INestApplicationContext,
  port: number,
  host: string,
): Server {
  const dataSource = app.get(DataSource);
  const redis = app.get(RedisClient);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    void Promise.allSettled([dataSource.query('SELECT 1'), redis.ping()]).then(([db, cache]) => {
      const body = {
        status: db.status === 'fulfilled' && cache.status === 'fulfilled' ? 'ok' : 'error',
        database: db.status === 'fulfilled' ? 'up' : 'down',
        redis: cache.status === 'fulfilled' ? 'up' : 'down',
      };
      response
        .writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    });
  });
  server.listen(port, host);
  return server;
}
