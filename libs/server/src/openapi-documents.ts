import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

type PathsObject = OpenAPIObject['paths'];

/** Paths under `/{project}` belong to a project's own API; the rest are the platform's. */
function splitPaths(paths: PathsObject): { platform: PathsObject; project: PathsObject } {
  const platform: PathsObject = {};
  const project: PathsObject = {};
  for (const [route, item] of Object.entries(paths)) {
    if (route === '/{project}' || route.startsWith('/{project}/')) {
      const { parameters: _drop, ...rest } = item;
      const operations = Object.fromEntries(
        Object.entries(rest).map(([method, operation]) => {
          if (operation && typeof operation === 'object' && 'parameters' in operation) {
            const parameters = (
              operation.parameters as Array<{ name?: string; in?: string }> | undefined
            )?.filter((parameter) => !(parameter.in === 'path' && parameter.name === 'project'));
            return [method, { ...operation, parameters }];
          }
          return [method, operation];
        }),
      );
      project[route.slice('/{project}'.length) || '/'] = operations;
    } else {
      platform[route] = item;
    }
  }
  return { platform, project };
}

/**
 * The OpenAPI 3 documents generated from the routes at start-up (@nestjs/swagger): one for the platform,
 * and a project template served with the project's base URL.
 */
@Injectable()
export class OpenApiDocuments {
  private platformDocument: OpenAPIObject | null = null;
  private projectTemplate: OpenAPIObject | null = null;

  set(document: OpenAPIObject): void {
    const { platform, project } = splitPaths(document.paths);
    this.platformDocument = { ...document, paths: platform };
    this.projectTemplate = { ...document, paths: project };
  }

  platform(publicUrl: string): OpenAPIObject {
    return {
      ...this.require(this.platformDocument),
      servers: [{ url: publicUrl, description: 'Atrium platform' }],
    };
  }

  project(publicUrl: string, key: string): OpenAPIObject {
    const template = this.require(this.projectTemplate);
    return {
      ...template,
      info: { ...template.info, title: `Atrium project "${key}"` },
      servers: [{ url: `${publicUrl}/${key}`, description: `Project ${key}` }],
    };
  }

  private require(document: OpenAPIObject | null): OpenAPIObject {
    if (!document) throw new Error('OpenAPI documents were not generated at start-up');
    return document;
  }
}
