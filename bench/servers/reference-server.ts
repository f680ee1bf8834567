/**
 * The reference: a bare node:http server answering every request with a fixed 201 JSON body of a given size
 * (the size of a POST /v2/images answer), read after the request body like a real handler would.
 * Forked by bench/run.ts: `reference-server.ts <bodyBytes>`; binds 127.0.0.1 on a free port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exitWithParent } from './child.js';

const size = Number(process.argv[2] ?? '1024');
const prefix = '{"id":"4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba86","status":"queued","pad":"';
const suffix = '"}';
const body = Buffer.from(`${prefix}${'x'.repeat(Math.max(0, size - prefix.length - suffix.length))}${suffix}`);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ url: `http://127.0.0.1:${port}`, pid: process.pid });
});

exitWithParent(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  30 * 60_000,
);
