/**
 * A server that refuses everything with the IMS error envelope: every valid-request case and every
 * stateful flow must fail against it, while the negative cases pass.
 */
import { createServer } from 'node:http';
import { listen, readBody, type StartedServer } from './listen.js';

/** IMS error envelope (ims-error_codes.rst): `{"error":{"code","message"}}`. */
export const ALWAYS_400_BODY = { error: { code: 'IMG.0001', message: 'always-400 refuses every request' } } as const;

/** Starts the server on 127.0.0.1, port 0. */
export async function startAlways400(): Promise<StartedServer> {
  const server = createServer((req, res) => {
    void readBody(req).then(() => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ALWAYS_400_BODY));
    });
  });
  return listen(server);
}
