import { Module } from '@nestjs/common';
import { ItemsModule } from '@atrium/items';
import { ScimController } from './scim.controller';
import { ScimGroups } from './scim-groups';
import { ScimUsers } from './scim-users';

/** `/:project/scim/v2`: Users and Groups for identity providers. */
@Module({ imports: [ItemsModule], controllers: [ScimController], providers: [ScimUsers, ScimGroups] })
export class ScimApiModule {}
