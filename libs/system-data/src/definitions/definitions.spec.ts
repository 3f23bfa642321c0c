import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_FIELD_SPECIALS } from '@atrium/schema';
import { ACCESS } from './access.definition';
import { ACTIVITY } from './activity.definition';
import { COMMENTS } from './comments.definition';
import { FILES } from './files.definition';
import { FOLDERS } from './folders.definition';
import type { CollectionDefinition } from './collection-definition';
import { PERMISSIONS } from './permissions.definition';
import { POLICIES } from './policies.definition';
import { PRESETS } from './presets.definition';
import { REVISIONS } from './revisions.definition';
import { ROLES } from './roles.definition';
import { SETTINGS } from './settings.definition';
import { USERS } from './users.definition';

const DEFINITIONS: CollectionDefinition[] = [
  USERS,
  ROLES,
  POLICIES,
  ACCESS,
  PERMISSIONS,
  SETTINGS,
  ACTIVITY,
  REVISIONS,
  COMMENTS,
  FOLDERS,
  PRESETS,
  FILES,
];

/**
 * Writes follow the definitions, reads the schema's system overlay: both must agree on what is secret and
 * what is a CSV list, or a secret would be read back in the clear or a list as text.
 */
describe('system definitions and the schema overlay', () => {
  for (const definition of DEFINITIONS) {
    it(`${definition.collection}: concealed and csv fields carry the matching special`, () => {
      const specials = SYSTEM_FIELD_SPECIALS[definition.collection] ?? {};
      for (const field of definition.fields) {
        const special = specials[field.name] ?? [];
        assert.equal(special.includes('conceal'), field.concealed === true, `${field.name} conceal`);
        assert.equal(special.includes('cast-csv'), field.type === 'csv', `${field.name} cast-csv`);
      }
    });
  }
});
