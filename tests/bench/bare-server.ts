/**
 * The throughput benchmark's reference: a bare Hono app on @hono/node-server (as `npm start` serves
 * gongping) answering a constant, in a process of its own. Prints its URL once it listens.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('*', (c) => c.json({ status: 'ok' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`listening on http://127.0.0.1:${info.port}/`),
);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
