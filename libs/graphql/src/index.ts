export {
  GraphqlRunner,
  graphqlParams,
  type GraphqlAnswer,
  type GraphqlParams,
} from './execute/graphql-runner';
export type {
  AuthModeArg,
  AuthTokensView,
  GraphqlContext,
  GraphqlHttp,
  GraphqlItems,
  GraphqlScope,
  GraphqlSystem,
  ItemsQuery,
} from './execute/graphql-context';
export { GraphqlModule } from './graphql.module';
