/**
 * A server that answers an HTML page to everything, with each operation's documented success status (a login
 * portal, a proxy's error page, a misrouted endpoint): no response constraint can be judged against it, so none
 * may pass; the unparsed bodies are findings of the content type.
 */
import { createServer } from 'node:http';
import { listen, readBody, type StartedServer } from './listen.js';

/** The page every request gets. */
export const HTML_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><p>Please sign in.</p></body></html>';

function statusOf(method: string, path: string): number {
  if (method === 'POST' && path.endsWith('/action')) {
    return path.includes('/volumes/') ? 202 : 200;
  }
  if (method === 'POST' && path === '/v2/images') {
    return 201;
  }
  return method === 'DELETE' ? 204 : 200;
}

/** Starts the server on 127.0.0.1, port 0; with `bodyBytes`, each page is padded to that size (a huge answer). */
export async function startHtml(options: { bodyBytes?: number } = {}): Promise<StartedServer> {
  const page =
    options.bodyBytes === undefined
      ? HTML_PAGE
      : HTML_PAGE.replace(
          '</body>',
          `<p>${'x'.repeat(Math.max(0, options.bodyBytes - HTML_PAGE.length - 7))}</p></body>`,
        );
  const server = createServer((req, res) => {
    void readBody(req).then(() => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      res.writeHead(statusOf(req.method ?? 'GET', path), { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
  });
  return listen(server);
}
