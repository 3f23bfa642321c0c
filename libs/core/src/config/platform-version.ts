import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** Atrium's version, from the nearest package.json above this file (same in source and compiled trees). */
export function platformVersion(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let depth = 0; depth < 8; depth++) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'atrium' && pkg.version) return (cached = pkg.version);
    }
    dir = path.dirname(dir);
  }
  return (cached = '0.0.0');
}
