import { Module } from '@nestjs/common';
import { PermissionsMeController } from './permissions-me.controller';

/** `/permissions/me…`: the caller's effective permissions (the CRUD of permission rows is system data). */
@Module({ controllers: [PermissionsMeController] })
export class PermissionsApiModule {}
