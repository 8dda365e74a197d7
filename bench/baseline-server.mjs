// The baseline: a bare Fastify server (no Nest, no plugins) run as its own process exactly as the
// app server is, on the port given. GET / answers a small JSON body without touching anything.
// Given a database URL as well, POST /vote inserts one row per request with node-postgres (a pool
// of 10, as the app has): the floor for any endpoint that writes to PostgreSQL.
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.argv[2]);
const databaseUrl = process.argv[3];
const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok' }));

let pool;
if (databaseUrl) {
  pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_baseline_votes (
       voter text PRIMARY KEY, application_id uuid NOT NULL, cast_at timestamptz NOT NULL)`,
  );
  app.post('/vote', async (request, reply) => {
    const { rowCount } = await pool.query(
      `INSERT INTO bench_baseline_votes (voter, application_id, cast_at) VALUES ($1, $2, now())
       ON CONFLICT (voter) DO NOTHING`,
      [request.headers.authorization ?? '', request.body.applicationId],
    );
    return reply.status(rowCount === 1 ? 201 : 409).send({ counted: rowCount === 1 });
  });
}

await app.listen({ port, host: '127.0.0.1' });
process.send?.('ready');
const stop = () =>
  app
    .close()
    .then(() => pool?.end())
    .then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
