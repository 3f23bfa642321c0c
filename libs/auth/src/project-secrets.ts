import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { ProjectEntity, ProjectInstanceCache, SecretBox } from '@atrium/tenancy';
import { AuthInvalidation } from './auth-invalidation';

/**
 * Each project's own JWT signing secret, unsealed once per process and provisioning of the project: a
 * project re-created under the same key has a new secret, so tokens signed for the old one fail there.
 */
@Injectable()
export class ProjectSecrets {
  private readonly box: SecretBox;
  private readonly unsealed = new ProjectInstanceCache<{ sealed: string; secret: string }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig, invalidation: AuthInvalidation) {
    this.box = new SecretBox(config.secret);
    invalidation.onProjectDeleted((key) => this.unsealed.delete(key));
  }

  jwtSecret(project: ProjectEntity): string {
    const cached = this.unsealed.get(project);
    // The sealed value is compared too: it is what the registry row says the secret is now.
    if (cached && cached.sealed === project.jwtSecret) return cached.secret;
    const secret = this.box.open(project.jwtSecret);
    this.unsealed.set(project, { sealed: project.jwtSecret, secret });
    return secret;
  }
}
