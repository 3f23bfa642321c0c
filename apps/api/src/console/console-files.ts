import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Served below this prefix; `/admin` itself redirects to `/admin/`, the page. */
export const CONSOLE_PREFIX = '/admin/';

/**
 * Where `npm run build` puts the console (Vite's output): `dist/console`, found from this file whether it
 * runs compiled (`dist/apps/api/src/console`) or from source (`apps/api/src/console`, in tests).
 */
export function consoleDirectory(): string {
  const up = path.resolve(__dirname, '../../../..');
  return path.basename(up) === 'dist' ? path.join(up, 'console') : path.join(up, 'dist', 'console');
}

/** Hashed bundles never change under their name; the page itself is checked on every load. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The console runs only its own bundles and talks only to this origin. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The web console's static files at `/admin/` (no CDN at run time). When the console was not built there
 * is nothing to serve, and `/admin` answers the API's 404 like any unknown route.
 */
export async function registerConsole(app: NestFastifyApplication, root = consoleDirectory()): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PREFIX,
    index: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const isBundle = filePath.startsWith(path.join(root, 'assets') + path.sep);
      reply.header('cache-control', isBundle ? IMMUTABLE : 'no-cache');
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    },
  });
  // The router ignores trailing slashes, so `/admin/` is `/admin` to it (and would otherwise be the project
  // route `/:project`): one route serves the page at `/admin/` and sends `/admin` there.
  app
    .getHttpAdapter()
    .getInstance()
    .get(CONSOLE_PREFIX.slice(0, -1), (request, reply) =>
      request.url.split('?')[0].endsWith('/')
        ? reply.sendFile('index.html')
        : reply.redirect(CONSOLE_PREFIX, 301),
    );
}
