import type { CollectionHooks, Row } from '../definitions/collection-definition';

/** Who uploaded or last edited a file, and when, come from the request, never from the payload. */
export const FILES_HOOKS: CollectionHooks = {
  async prepareWrite(payload, action, { accountability }): Promise<Row> {
    if (action === 'create') return { ...payload, uploaded_by: accountability.user };
    return { ...payload, modified_by: accountability.user, modified_on: new Date().toISOString() };
  },
};
