/**
 * The web app (apps/web, built by Vite into dist/web) served by the API process itself: hashed
 * assets cached for a year, every other non-API path answered with index.html (the pages route in
 * the browser), under a Content-Security-Policy that admits no inline script. The API stays under
 * /api/v1, the OpenAPI UI under /docs.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * Scripts only from this origin, no inline or eval; styles also inline (Ant Design writes its
 * CSS-in-JS into <style> elements); no framing; calls only to this origin.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the server, never to the pages. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|admin|metrics)(\/|$|-)/;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const WEB_DIR = join(repoRoot(), 'dist', 'web');

export function mountWebApp(server: Express, webDir: string = WEB_DIR): { served: boolean } {
  const index = join(webDir, 'index.html');
  const built = existsSync(index);
  server.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    res.setHeader('Content-Security-Policy', WEB_CSP);
    if (built) return next();
    res
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('Ứng dụng web chưa được dựng: chạy npm run build:web (npm start tự làm việc này).\n');
  });
  if (!built) return { served: false };
  // Hashed names: a file never changes, so it is cached for good; a missing one is a plain 404.
  server.use(
    '/assets',
    express.static(join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  const files = express.static(webDir, { index: false, maxAge: 0 });
  server.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    files(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return { served: built };
}
