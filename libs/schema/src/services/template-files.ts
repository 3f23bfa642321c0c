import { invalidPayload } from '@atrium/core';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Template names: a file name under tenants/templates, nothing that could walk out of it. */
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_-]+$/;

let cachedDir: string | null | undefined;

/** `tenants/templates`, found upward from this file (the same from sources and from the build output). */
export function templatesDirectory(): string | null {
  if (cachedDir !== undefined) return cachedDir;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'tenants', 'templates');
    if (existsSync(candidate)) return (cachedDir = candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return (cachedDir = null);
    dir = parent;
  }
}

/** The parsed JSON of template `name`; 400 INVALID_PAYLOAD for a bad or unknown name. */
export function readTemplateFile(name: string): unknown {
  if (!TEMPLATE_NAME_PATTERN.test(name)) {
    throw invalidPayload('"template" must be a template name (a-z, 0-9, _ and -) or a snapshot object.', {
      field: 'template',
    });
  }
  const dir = templatesDirectory();
  const file = dir === null ? null : path.join(dir, `${name}.json`);
  if (file === null || !existsSync(file)) {
    throw invalidPayload(`Template "${name}" doesn't exist.`, { field: 'template' });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}
