import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { parse as parseYaml } from 'yaml';
import { AtriumException, invalidPayload } from '../errors/atrium.exception';
import { assertNoNulCharacter, findNulCharacter, nulCharacterError } from '../values/find-nul-character';

/** `application/json`, and the `+json` types (`application/merge-patch+json`, …) as JSON too. */
const JSON_TYPES = ['application/json', /^application\/[\w.-]+\+json$/] as const;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
const MULTIPART = /^\s*multipart\//i;

export interface RequestBodyOptions {
  bodyLimit: number;
  /** `METHOD /route/:pattern` of the routes that stream multipart bodies themselves (uploads). */
  multipartRoutes: readonly string[];
}

export const unsupportedMediaType = (mediaType: string, accepted: string): AtriumException =>
  new AtriumException(
    'UNSUPPORTED_MEDIA_TYPE',
    `Unsupported media type "${mediaType}": this route takes ${accepted}.`,
  );

/**
 * The request bodies the API understands, and nothing else. Fastify's and Nest's defaults would also parse
 * `text/plain` and `application/x-www-form-urlencoded`, which a cross-site HTML form can send without a
 * preflight; with only JSON and YAML parsers, every other type answers 415. An empty body is no body whatever
 * its declared type (clients send `Content-Type: application/json` on a bodiless DELETE). A NUL character is
 * refused here, naming its field, since PostgreSQL can store none and would fail mid-request.
 *
 * Call it before any plugin that adds a parser of its own (`@fastify/multipart`), since it removes all parsers.
 */
export function registerRequestBodies(fastify: FastifyInstance, options: RequestBodyOptions): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const jsonBody: FastifyBodyParser<string> = (request, text, done) => {
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      // A NUL can only be written `\u0000` in JSON text, so most bodies skip the walk.
      const field = text.includes('\\u0000') ? findNulCharacter(value) : null;
      if (field !== null) return done(nulCharacterError(field), undefined);
      done(null, value);
    });
  };
  for (const type of JSON_TYPES) {
    fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: options.bodyLimit }, jsonBody);
  }
  const yamlBody: FastifyBodyParser<string> = (_request, text, done) => {
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      // Aliases are capped by the parser, so an alias bomb cannot blow up memory.
      value = parseYaml(text, { maxAliasCount: 100 });
      assertNoNulCharacter(value);
    } catch (error) {
      return done(error instanceof AtriumException ? error : invalidPayload('The body is not valid YAML.'));
    }
    done(null, value);
  };
  fastify.addContentTypeParser(YAML_TYPES, { parseAs: 'string', bodyLimit: options.bodyLimit }, yamlBody);

  const multipartRoutes = new Set(options.multipartRoutes);
  // Callback style: an async hook costs every request a promise and a microtask turn.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const type = request.headers['content-type'];
    const route = request.routeOptions.url;
    // An unmatched route (no `url`) goes on to its 404.
    if (
      type !== undefined &&
      route !== undefined &&
      MULTIPART.test(type) &&
      !multipartRoutes.has(`${request.method} ${route}`)
    ) {
      return done(unsupportedMediaType(type.split(';')[0].trim(), 'application/json'));
    }
    done();
  });
}
