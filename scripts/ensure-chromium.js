// Finds a headless Chromium for the browser specs (test/**/*.browser-spec.ts), installing Debian's package
// when it is missing and this process may (root with apt-get). Answers its path, or '' with the reason
// printed: the browser specs then skip and say why.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;

const found = () =>
  [process.env.CHROMIUM_PATH, ...CANDIDATES].filter(Boolean).find((file) => fs.existsSync(file)) || '';

function ensureChromium(output = process.stdout) {
  const present = found();
  if (present) return present;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    output.write(
      'No Chromium found and it cannot be installed here (needs root and apt-get): browser tests skip.\n',
    );
    return '';
  }
  output.write('Installing Chromium for the browser tests (apt-get install chromium)…\n');
  const run = (args) =>
    spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!run(['install', '-y', '--no-install-recommends', 'chromium'])) {
    run(['update']);
    run(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  const installed = found();
  if (!installed) output.write('Chromium could not be installed: browser tests skip.\n');
  return installed;
}

module.exports = { ensureChromium };
