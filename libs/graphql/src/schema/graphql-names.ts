const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/**
 * Whether a collection or field name can be a GraphQL name. Others (a hyphen, a leading digit, the `__`
 * GraphQL reserves) stay reachable through REST only, as Directus leaves them out too.
 */
export function isGraphqlName(name: string): boolean {
  return NAME.test(name) && !name.startsWith('__');
}
