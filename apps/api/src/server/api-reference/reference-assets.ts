import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Below this path the reference pages load their script and styles (same origin: the pages' CSP allows only that). */
export const REFERENCE_ASSETS = '/server/specs/docs/assets';

/**
 * Starts Swagger UI on the page's document: `…/specs/docs` reads `…/specs/oas` next to it, and a
 * `?access_token=` on the page goes as a bearer token with the document's request and every "Try it out"
 * (the caller's own view; never into those URLs, where it would be logged).
 */
const START_SCRIPT = `(function () {
  var spec = location.pathname.replace(/\\/docs\\/?$/, '/oas');
  var token = new URLSearchParams(location.search).get('access_token');
  window.ui = SwaggerUIBundle({
    url: spec,
    dom_id: '#reference',
    deepLinking: true,
    requestInterceptor: function (request) {
      if (token) request.headers.Authorization = 'Bearer ' + token;
      return request;
    },
  });
})();
`;

const DIST = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const VERSION = (JSON.parse(readFileSync(path.join(DIST, 'package.json'), 'utf8')) as { version: string })
  .version;

interface Asset {
  type: string;
  load(): Buffer;
}

const ASSETS: Record<string, Asset> = {
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    load: () => readFileSync(path.join(DIST, 'swagger-ui-bundle.js')),
  },
  'swagger-ui.css': {
    type: 'text/css; charset=utf-8',
    load: () => readFileSync(path.join(DIST, 'swagger-ui.css')),
  },
  'start.js': { type: 'text/javascript; charset=utf-8', load: () => Buffer.from(START_SCRIPT) },
};

/** Asset URLs carry the Swagger UI version, so browsers may keep them as long as they like. */
export const assetUrl = (base: string, name: string) => `${base}${REFERENCE_ASSETS}/${name}?v=${VERSION}`;

/** The three files the reference pages load, read on first request and kept (≈ 1.8 MB). */
export function registerReferenceAssets(app: NestFastifyApplication): void {
  const loaded = new Map<string, Buffer>();
  app
    .getHttpAdapter()
    .getInstance()
    .get(`${REFERENCE_ASSETS}/:name`, (request, reply) => {
      const name = (request.params as { name: string }).name;
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset) {
        return reply.code(404).send({
          errors: [
            {
              message: `Route ${request.url.split('?')[0]} doesn't exist.`,
              extensions: { code: 'ROUTE_NOT_FOUND' },
            },
          ],
        });
      }
      let body = loaded.get(name);
      if (!body) loaded.set(name, (body = asset.load()));
      return reply
        .header('content-type', asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    });
}
