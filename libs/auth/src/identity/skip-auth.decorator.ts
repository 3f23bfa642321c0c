import { SetMetadata } from '@nestjs/common';

export const SKIP_AUTH = 'atrium:skip-auth';

/** Routes that run before authentication (Directus: `/server/ping`): a token there is not even looked at. */
export const SkipAuth = () => SetMetadata(SKIP_AUTH, true);
