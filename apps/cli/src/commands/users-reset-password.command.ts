import { hashPassword } from '@atrium/core';
import { ProjectRegistry, TenantConnectionManager } from '@atrium/tenancy';
import { Command, Option } from 'nest-commander';
import { randomBytes } from 'node:crypto';
import { CliError } from '../errors/cli-error';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

/** Long enough for any password policy a project sets, and typeable: URL-safe base64. */
const generatedPassword = () => randomBytes(18).toString('base64url');

@Command({
  name: 'users:reset-password',
  arguments: '<project> <email>',
  description:
    'Give a project user a new password (printed once unless --password is given), reactivate the account if ' +
    'failed logins suspended it, and end its sessions: the way back in when mail is off.',
})
export class UsersResetPasswordCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key, email]: string[], options: { password?: string }): Promise<void> {
    if (options.password !== undefined && options.password.length < 8) {
      throw new CliError('--password must be at least 8 characters');
    }
    const project = await (await this.platform.get(ProjectRegistry)).find(key);
    if (!project) throw new CliError(`there is no project "${key}"; see: npm run cli -- projects:list`);
    const password = options.password ?? generatedPassword();
    const hash = await hashPassword(password);
    const connections = await this.platform.get(TenantConnectionManager);
    const changed = await connections.withPool(project, async (pool) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string; status: string }>(
          'SELECT id, status FROM directus_users WHERE lower(email) = lower($1) FOR UPDATE',
          [email],
        );
        const user = rows[0];
        if (user) {
          // A user suspended by failed logins would still be locked out: the reset lets them in again.
          await client.query(
            `UPDATE directus_users SET password = $2,
               status = CASE WHEN status = 'suspended' THEN 'active' ELSE status END WHERE id = $1`,
            [user.id, hash],
          );
          await client.query('DELETE FROM directus_sessions WHERE "user" = $1', [user.id]);
        }
        await client.query('COMMIT');
        return user ?? null;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
    if (!changed) throw new CliError(`project "${key}" has no user with the e-mail ${email}`);
    console.log(
      `New password of ${email} in "${key}"${changed.status === 'suspended' ? ' (reactivated)' : ''}.`,
    );
    if (options.password === undefined) console.log(`password: ${password}`);
  }

  @Option({
    flags: '--password <password>',
    description: 'the new password (else one is generated and printed)',
  })
  parsePassword(value: string): string {
    return value;
  }
}
