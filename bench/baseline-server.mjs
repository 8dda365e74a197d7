// The baseline: a bare Fastify server (no Nest, no database, no plugins) answering a small
// JSON body, run as its own process exactly as the app server is, on the port given.
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
process.send?.('ready');
const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
