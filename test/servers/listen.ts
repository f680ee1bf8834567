/**
 * Shared by the misbehaving servers: listen on a loopback host, port 0, and close without waiting
 * for clients that keep connections open.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StartedServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `server` on `host` (default 127.0.0.1), port 0. */
export function listen(server: Server, host = '127.0.0.1'): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Reads a request body as UTF-8. */
export async function readBody(req: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
