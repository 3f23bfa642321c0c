import type { PreparedDatabase } from '@atrium/bootstrap';
import type { AppConfig } from '@atrium/core';
import { relocatedWhat } from '@atrium/embedded-postgres';
import type { DemoCredentials } from './demo-project';

/** What a newcomer needs after `npm start`: where it listens and how to call it. Secrets appear only once. */
export function startBanner(
  config: AppConfig,
  options: {
    superAdminToken: string | null;
    demo: DemoCredentials | null;
    database: Pick<PreparedDatabase, 'embedded' | 'embeddedDataDir' | 'relocation'>;
  },
): string {
  const base = config.publicUrl;
  const lines = [
    '',
    `Atrium is listening on ${base} (bound to ${config.host}:${config.port}).`,
    ...databaseLines(config, options.database),
    config.redisUrl ? 'Jobs and cache invalidation: Redis.' : 'Jobs: in-process (no REDIS_URL configured).',
  ];
  if (options.superAdminToken) {
    lines.push(
      '',
      'Super-admin token (shown once; kept in data/secrets.json):',
      `  ${options.superAdminToken}`,
    );
  }
  if (options.demo) {
    lines.push(
      '',
      'Demo project "demo" created. Its admin (password shown once):',
      `  email:    ${options.demo.email}`,
      `  password: ${options.demo.password}`,
    );
  }
  lines.push(
    '',
    'Try:',
    `  curl ${base}/server/ping`,
    `  curl -H "Authorization: Bearer $SUPER_ADMIN_TOKEN" ${base}/server/projects`,
    `  curl ${base}/demo/server/info`,
    '',
  );
  return lines.join('\n');
}

function databaseLines(
  config: AppConfig,
  database: Pick<PreparedDatabase, 'embedded' | 'embeddedDataDir' | 'relocation'>,
): string[] {
  if (!database.embedded) return ['Database: the configured PostgreSQL server.'];
  const lines = [
    `Database: embedded PostgreSQL (data in ${database.embeddedDataDir ?? `${config.dataDir}/postgres`}).`,
  ];
  const { relocation } = database;
  if (relocation) {
    // Said on every start: someone looking for ./data/postgres, or cleaning up, needs to know.
    const why = relocation.blockedAt
      ? `the '${relocation.serverUser}' user PostgreSQL runs as cannot reach ${relocation.blockedAt}`
      : `moved there when the '${relocation.serverUser}' user PostgreSQL runs as could not reach the checkout`;
    lines.push(`  Its ${relocatedWhat(relocation)} are in ${relocation.directory}: ${why}.`);
  }
  return lines;
}
