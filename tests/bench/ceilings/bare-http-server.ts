/**
 * The API bench's bare ceiling: a `node:http` server with nothing behind it, run as its own process
 * (as the API is) and answering every request, once its body is read, with the status, headers and
 * body given in BARE_HTTP_RESPONSE (JSON `{ status, headers, body }`: one real answer of the route
 * it stands in for, so both send the same bytes). Prints `listening <port>` when it listens.
 */
import { createServer } from 'node:http';

interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const canned = JSON.parse(process.env.BARE_HTTP_RESPONSE ?? '') as CannedResponse;
const body = Buffer.from(canned.body);
const headers = { ...canned.headers, 'content-length': String(body.length) };

const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(canned.status, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
