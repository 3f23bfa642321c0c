import { Module } from '@nestjs/common';

/** Routes for users, roles, policies, access, permissions and settings (controllers in this folder). */
@Module({})
export class SystemDataApiModule {}
