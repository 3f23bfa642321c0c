#!/usr/bin/env node
// `npm run bench`: every bench/*.bench.ts, one after the other (they measure; running them together would not).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : fs
        .readdirSync(path.join(root, 'bench'))
        .filter((f) => f.endsWith('.bench.ts'))
        .map((f) => path.join('bench', f));
let failed = false;
for (const file of files) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--require', '@swc-node/register', file], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
