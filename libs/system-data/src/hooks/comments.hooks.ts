import type { CollectionHooks, Row } from '../definitions/collection-definition';

/** Who wrote or edited a comment, and when, come from the request, never from the payload. */
export const COMMENTS_HOOKS: CollectionHooks = {
  async prepareWrite(payload, action, { accountability }): Promise<Row> {
    if (action === 'create') return { ...payload, user_created: accountability.user };
    return { ...payload, user_updated: accountability.user, date_updated: new Date().toISOString() };
  },
};
