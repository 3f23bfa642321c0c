#!/usr/bin/env node
// `npm start`: compile when the sources are newer than the last build, then run the API in this process's
// place (signals go straight to it, so Ctrl-C stops the API and its embedded PostgreSQL cleanly).
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const entry = path.join(
  root,
  'dist',
  'apps',
  process.argv[2] === 'worker' ? 'worker' : 'api',
  'src',
  'main.js',
);

function newestSource(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(stamp) || !fs.existsSync(entry)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = ['apps', 'libs', 'tenants'].map((dir) => newestSource(path.join(root, dir)));
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map(
    (file) => fs.statSync(path.join(root, file)).mtimeMs,
  );
  return Math.max(...sources, ...configs) > built;
}

if (needsBuild()) {
  process.stdout.write('Building Atrium (first start or sources changed)…\n');
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write('The build failed: see the errors above.\n');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, [entry], { cwd: process.cwd(), stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
