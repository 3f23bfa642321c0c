import { AtriumException } from '@atrium/core';
import { ProjectsService } from '@atrium/server';
import { randomBytes } from 'node:crypto';

export interface DemoCredentials {
  email: string;
  password: string;
}

/**
 * First start: a `demo` project whose admin password is generated and shown once. A `demo` that already
 * exists (made by hand or by an earlier start) is left alone.
 */
export async function createDemoProject(projects: ProjectsService): Promise<DemoCredentials | null> {
  const credentials = { email: 'admin@example.com', password: randomBytes(12).toString('base64url') };
  try {
    await projects.create({
      project: 'demo',
      name: 'Demo',
      adminEmail: credentials.email,
      adminPassword: credentials.password,
    });
    return credentials;
  } catch (error) {
    if (error instanceof AtriumException && error.code === 'RECORD_NOT_UNIQUE') return null;
    throw error;
  }
}
