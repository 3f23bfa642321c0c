import { invalidPayload } from '@atrium/core';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * Accepts YAML request bodies (a schema snapshot exported with `?export=yaml` can be sent back to
 * `/schema/diff` as it is). Aliases are capped by the parser, so an alias bomb cannot blow up memory.
 */
export function registerYamlBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parse(body as string, { maxAliasCount: 100 }));
    } catch {
      done(invalidPayload('The body is not valid YAML.'), undefined);
    }
  });
}
