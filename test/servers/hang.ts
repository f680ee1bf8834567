/**
 * Servers that never answer: `silent` accepts the request and says nothing; `destroy` reads the
 * request headers, then destroys the socket mid-exchange. The client must end both, never hang.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type StartedServer } from './listen.js';

export type HangMode = 'silent' | 'destroy';

export interface HangServer extends StartedServer {
  /** Requests received so far. */
  readonly received: number;
}

/** Starts a never-answering server on 127.0.0.1, port 0. */
export async function startHang(mode: HangMode = 'silent'): Promise<HangServer> {
  let received = 0;
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    received += 1;
    if (mode === 'destroy') {
      req.socket.destroy();
      return;
    }
    held.push(res);
  });
  const started = await listen(server);
  return {
    url: started.url,
    close: started.close,
    get received() {
      return received;
    },
  };
}
