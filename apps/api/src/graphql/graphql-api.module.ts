import { Module } from '@nestjs/common';
import { GraphqlModule } from '@atrium/graphql';
import { ServerModule } from '@atrium/server';
import { SystemDataModule } from '@atrium/system-data';
import { AuthApiModule } from '../auth/auth-api.module';
import { ApiGraphqlItems } from './graphql-items';
import { ApiGraphqlSystem } from './graphql-system';
import { GraphqlController } from './graphql.controller';

/** `/:project/graphql[/system]` over the items engine and the REST routes' services. */
@Module({
  imports: [GraphqlModule, SystemDataModule, AuthApiModule, ServerModule],
  controllers: [GraphqlController],
  providers: [ApiGraphqlItems, ApiGraphqlSystem],
})
export class GraphqlApiModule {}
