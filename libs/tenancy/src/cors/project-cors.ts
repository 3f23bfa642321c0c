import { CorsConfig, CorsOrigin, parseCorsOrigins } from '@atrium/core';
import type { FastifyCorsOptions, FastifyCorsOptionsDelegateCallback } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import { couldBeProjectKey } from '../provisioning/project-key';
import type { ProjectEntity } from '../registry/project.entity';
import type { ProjectRegistry } from '../registry/project-registry';

/** The part of the registry the CORS decision reads. */
export type ProjectLookup = Pick<ProjectRegistry, 'find'>;

/** `/acme/items?x` → `acme`: the segment the tenant resolver will read, without routing the request. */
export function firstPathSegment(url: string): string {
  const end = url.slice(1).search(/[/?#]/);
  return end === -1 ? url.slice(1) : url.slice(1, end + 1);
}

/**
 * Answers `@fastify/cors` per request, in an `onRequest` hook, so a preflight is answered before tenant
 * resolution and authentication and never reaches a route. `/<project>/…` uses the project's `cors_origins`
 * when it has some (narrower or wider than the platform's list, or the only list when `CORS_ENABLED` is off),
 * and the platform's `CORS_*` settings otherwise.
 *
 * Every preflight is answered 204, for unknown projects, projects without CORS and refused origins alike: only
 * an allowed origin gets `Access-Control-Allow-Origin`. So a preflight tells nobody whether a project exists
 * beyond what its own allowed origins may know.
 */
export function projectCorsDelegator(
  config: CorsConfig,
  projects: ProjectLookup,
): FastifyCorsOptionsDelegateCallback {
  const shared: FastifyCorsOptions = {
    methods: config.methods,
    allowedHeaders: config.allowedHeaders,
    exposedHeaders: config.exposedHeaders,
    credentials: config.credentials,
    maxAge: config.maxAge ?? undefined,
    // A bare OPTIONS (no Origin) is answered like a preflight rather than with a text/plain 400.
    strictPreflight: false,
  };
  const closed: FastifyCorsOptions = { ...shared, origin: [] };
  const platform: FastifyCorsOptions = config.enabled ? { ...shared, origin: config.origin } : closed;
  const byProject = new WeakMap<ProjectEntity, FastifyCorsOptions>();
  const optionsOf = (project: ProjectEntity | null): FastifyCorsOptions => {
    if (!project?.corsOrigins) return platform;
    let options = byProject.get(project);
    if (!options) {
      const origins: CorsOrigin[] = parseCorsOrigins(project.corsOrigins).origins;
      options = origins.length === 0 ? closed : { ...shared, origin: origins };
      byProject.set(project, options);
    }
    return options;
  };
  // Responses other than preflights carry no CORS headers where no origin can be allowed, nor to a caller that
  // sent no Origin (a server, curl): only browsers read them. `Vary: Origin` is still set by the plugin.
  const noHeaders: FastifyCorsOptions = { origin: false };
  const answer = (request: FastifyRequest, options: FastifyCorsOptions): FastifyCorsOptions =>
    options === closed && request.method !== 'OPTIONS' ? noHeaders : options;

  return (request, callback) => {
    if (request.headers.origin === undefined) {
      return callback(null, request.method === 'OPTIONS' ? platform : noHeaders);
    }
    const key = firstPathSegment(request.url);
    if (!couldBeProjectKey(key)) return callback(null, answer(request, platform));
    projects.find(key).then(
      (project) => callback(null, answer(request, optionsOf(project))),
      // The registry is unreachable: the request itself will say so; CORS falls back to the platform's.
      () => callback(null, answer(request, platform)),
    );
  };
}
