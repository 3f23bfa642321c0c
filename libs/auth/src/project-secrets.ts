import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { ProjectEntity, ProjectInstanceCache, SecretBox } from '@atrium/tenancy';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { AuthInvalidation } from './auth-invalidation';

/**
 * Each project's own JWT signing secret, unsealed once per process and provisioning of the project: a
 * project re-created under the same key has a new secret, so tokens signed for the old one fail there.
 */
@Injectable()
export class ProjectSecrets {
  private readonly box: SecretBox;
  private readonly unsealed = new ProjectInstanceCache<{ sealed: string; secret: string; key: KeyObject }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig, invalidation: AuthInvalidation) {
    this.box = new SecretBox(config.secret);
    invalidation.onProjectDeleted((key) => this.unsealed.delete(key));
  }

  jwtSecret(project: ProjectEntity): string {
    return this.current(project).secret;
  }

  /**
   * The same secret as a KeyObject, for verifying every request's access token: given a string,
   * jsonwebtoken first tries to read it as a PEM public key and builds the exception of that failure each
   * time, which cost more than the whole rest of the request.
   */
  jwtKey(project: ProjectEntity): KeyObject {
    return this.current(project).key;
  }

  private current(project: ProjectEntity): { secret: string; key: KeyObject } {
    const cached = this.unsealed.get(project);
    // The sealed value is compared too: it is what the registry row says the secret is now.
    if (cached && cached.sealed === project.jwtSecret) return cached;
    const secret = this.box.open(project.jwtSecret);
    const entry = { sealed: project.jwtSecret, secret, key: createSecretKey(Buffer.from(secret)) };
    this.unsealed.set(project, entry);
    return entry;
  }
}
