import type { AppConfig } from '@atrium/core';
import type { DemoCredentials } from './demo-project';

/** What a newcomer needs after `npm start`: where it listens and how to call it. Secrets appear only once. */
export function startBanner(
  config: AppConfig,
  options: { superAdminToken: string | null; demo: DemoCredentials | null; embeddedDatabase: boolean },
): string {
  const base = config.publicUrl;
  const lines = [
    '',
    `Atrium is listening on ${base} (bound to ${config.host}:${config.port}).`,
    options.embeddedDatabase
      ? `Database: embedded PostgreSQL (data in ${config.dataDir}/postgres).`
      : 'Database: the configured PostgreSQL server.',
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
