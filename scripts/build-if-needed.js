// Shared by `npm start` and `npm run cli`: compile when the sources are newer than the last build.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|tsx|mts|css|html)$/.test(item.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild(entry) {
  if (!fs.existsSync(stamp) || !fs.existsSync(entry)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = ['apps', 'libs', 'tenants'].map((dir) => newestSource(path.join(root, dir)));
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map(
    (file) => fs.statSync(path.join(root, file)).mtimeMs,
  );
  return Math.max(...sources, ...configs) > built;
}

/**
 * Builds `dist/` when `entry` is missing or older than the sources; exits the process if the build fails.
 * Compiler output goes to `output` (stderr for the CLI, whose stdout is its result).
 */
function buildIfNeeded(entry, output = process.stdout) {
  if (!needsBuild(entry)) return;
  output.write('Building Atrium (first run or sources changed)…\n');
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: ['ignore', output, process.stderr],
  });
  if (build.status !== 0) {
    process.stderr.write('The build failed: see the errors above.\n');
    process.exit(build.status ?? 1);
  }
}

module.exports = { buildIfNeeded, root };
