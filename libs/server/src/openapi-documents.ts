import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { objectId } from '@atrium/core';
import { permittedFields, permittedKey, type RequestPermissions } from '@atrium/permissions';
import type { SchemaOverview } from '@atrium/schema';
import { LRUCache } from 'lru-cache';
import type { PathsObject } from './openapi/openapi-types';
import { projectDocument } from './openapi/project-document';

/** Generated project documents kept: one per (project instance and schema version, permitted view). */
const MAX_PROJECT_DOCUMENTS = 200;

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
 * The OpenAPI 3 documents: the platform's, generated from the routes at start-up (@nestjs/swagger), and a
 * project's, made from the routes' template and the project's schema as the caller may see it. A project
 * document is cached by schema snapshot (so by project instance and version) and permitted view: callers who
 * may see the same collections and fields share one, and a schema or permission change makes a new key.
 */
@Injectable()
export class OpenApiDocuments {
  private platformDocument: OpenAPIObject | null = null;
  private projectTemplate: OpenAPIObject | null = null;
  private readonly projectDocuments = new LRUCache<string, OpenAPIObject>({ max: MAX_PROJECT_DOCUMENTS });

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

  project(
    publicUrl: string,
    key: string,
    overview: SchemaOverview,
    permissions: RequestPermissions,
  ): OpenAPIObject {
    const template = this.require(this.projectTemplate);
    const permitted = permittedFields(overview, permissions);
    const cacheKey = `${objectId(overview)}:${permissions.admin ? 'admin' : permittedKey(permitted)}`;
    let document = this.projectDocuments.get(cacheKey);
    if (!document) {
      document = projectDocument(template, overview, permitted, permissions.admin);
      this.projectDocuments.set(cacheKey, document);
    }
    return {
      ...document,
      info: { ...template.info, title: `Atrium project "${key}"` },
      servers: [{ url: `${publicUrl}/${key}`, description: `Project ${key}` }],
    };
  }

  private require(document: OpenAPIObject | null): OpenAPIObject {
    if (!document) throw new Error('OpenAPI documents were not generated at start-up');
    return document;
  }
}
