/** The raw query of a request: Fastify's flat object (bracket keys) or a SEARCH body's nested query. */
export type RawQuery = Readonly<Record<string, unknown>>;
