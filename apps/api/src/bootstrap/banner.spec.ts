import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '@atrium/core';
import { startBanner } from './banner';

describe('startBanner', () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '8055',
    DATA_DIR: '/root/atrium/data',
    DATABASE_URL: 'postgres://postgres:x@127.0.0.1:5432/atrium',
    SECRET: 'banner-spec-secret-0123456789abcdef0123456789',
    SUPER_ADMIN_TOKEN: 'banner-spec-token-0123456789abcdef0123456789',
  });
  const quiet = { superAdminToken: null, demo: null };

  it('names the configured server when there is no embedded one', () => {
    const text = startBanner(config, {
      ...quiet,
      database: { embedded: false, embeddedDataDir: null, relocation: null },
    });
    assert.match(text, /^Database: the configured PostgreSQL server\.$/m);
  });

  it('says where the embedded data is, and nothing about a move when nothing moved', () => {
    const text = startBanner(config, {
      ...quiet,
      database: { embedded: true, embeddedDataDir: '/srv/pg', relocation: null },
    });
    assert.match(text, /^Database: embedded PostgreSQL \(data in \/srv\/pg\)\.$/m);
    assert.doesNotMatch(text, /\/var\/lib\/atrium/);
  });

  it('names the directory the binaries and data moved to, and why', () => {
    const text = startBanner(config, {
      ...quiet,
      database: {
        embedded: true,
        embeddedDataDir: '/var/lib/atrium/0123456789ab/postgres',
        relocation: {
          directory: '/var/lib/atrium/0123456789ab',
          blockedAt: '/root',
          serverUser: 'postgres',
          binaries: true,
          data: true,
        },
      },
    });
    assert.match(
      text,
      /^Database: embedded PostgreSQL \(data in \/var\/lib\/atrium\/0123456789ab\/postgres\)\.$/m,
    );
    assert.match(
      text,
      /^ {2}Its binaries and data are in \/var\/lib\/atrium\/0123456789ab: the 'postgres' user PostgreSQL runs as cannot reach \/root\.$/m,
    );
  });

  it('says why data stays moved when nothing blocks the way any more', () => {
    const text = startBanner(config, {
      ...quiet,
      database: {
        embedded: true,
        embeddedDataDir: '/var/lib/atrium/0123456789ab/postgres',
        relocation: {
          directory: '/var/lib/atrium/0123456789ab',
          blockedAt: null,
          serverUser: 'postgres',
          binaries: false,
          data: true,
        },
      },
    });
    assert.match(
      text,
      /^ {2}Its data are in \/var\/lib\/atrium\/0123456789ab: moved there when the 'postgres' user .* could not reach the checkout\.$/m,
    );
  });
});
