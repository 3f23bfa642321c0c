/**
 * What a user may change about themselves through `PATCH /users/me`: their profile, password and static
 * token (Directus's `updateMe` sets it, where the caller's permissions allow the field), never what decides
 * their access (role, status, provider, external identity, two-factor secret).
 */
export const SELF_EDITABLE_USER_FIELDS: ReadonlySet<string> = new Set([
  'first_name',
  'last_name',
  'email',
  'password',
  'token',
  'location',
  'title',
  'description',
  'tags',
  'avatar',
  'language',
  'last_page',
  'email_notifications',
  'appearance',
  'theme_dark',
  'theme_light',
  'theme_light_overrides',
  'theme_dark_overrides',
  'text_direction',
]);
