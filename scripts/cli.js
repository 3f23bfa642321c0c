#!/usr/bin/env node
// `npm run cli -- <command>`: build if needed, then run the admin CLI in this very process (no second Node:
// signals such as Ctrl-C during `migrate --all` reach it directly). Build messages go to stderr, so
// `projects:list --json` output on stdout stays parseable.
'use strict';
const path = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');

const entry = path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
buildIfNeeded(entry, process.stderr);
// The CLI reads its arguments from process.argv after the script path: what was typed after `npm run cli --`.
require(entry);
