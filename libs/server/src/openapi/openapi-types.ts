import type { OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI 3.0 shapes the generator writes, loosely typed: the document is JSON built from the schema. */
export type Json = Record<string, unknown>;
export type PathsObject = OpenAPIObject['paths'];
export type PathItem = PathsObject[string];
