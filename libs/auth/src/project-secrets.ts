import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { ProjectEntity, SecretBox } from '@atrium/tenancy';

/** Each project's own JWT signing secret, unsealed once per process and project. */
@Injectable()
export class ProjectSecrets {
  private readonly box: SecretBox;
  private readonly unsealed = new Map<string, { sealed: string; secret: string }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.box = new SecretBox(config.secret);
  }

  jwtSecret(project: ProjectEntity): string {
    const cached = this.unsealed.get(project.key);
    // Keyed by the sealed value too: a re-created project with the same key has a new secret.
    if (cached && cached.sealed === project.jwtSecret) return cached.secret;
    const secret = this.box.open(project.jwtSecret);
    this.unsealed.set(project.key, { sealed: project.jwtSecret, secret });
    return secret;
  }
}
