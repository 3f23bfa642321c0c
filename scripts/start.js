#!/usr/bin/env node
// `npm start` (and `npm run start:worker`): build if needed, then run the API (or the worker) as a child
// whose signals we forward, so Ctrl-C stops the API and its embedded PostgreSQL cleanly.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');

const app = process.argv[2] === 'worker' ? 'worker' : 'api';
const entry = path.join(root, 'dist', 'apps', app, 'src', 'main.js');
buildIfNeeded(entry);

const child = spawn(process.execPath, [entry], { cwd: process.cwd(), stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
