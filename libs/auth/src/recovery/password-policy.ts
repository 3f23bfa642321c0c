import { failedValidation } from '@atrium/core';
import * as vm from 'node:vm';

/**
 * The policy is a regular expression a project admin writes, run by the process every project shares: a
 * catastrophic pattern must not stall the others. The test runs under a vm timeout (V8 interrupts a
 * backtracking regex); a password that cannot be shown to match in time is refused.
 */
const MATCH_TIMEOUT_MS = 100;
const sandbox = vm.createContext({ policy: null, password: '' });
const matchScript = new vm.Script('policy.test(password)');

/**
 * Parses `settings.auth_password_policy`: `/pattern/flags` (the Directus app's form) or a bare pattern;
 * empty → no policy. Stateful flags (`g`, `y`) are dropped so `test` does not depend on earlier calls.
 * Throws on an invalid pattern: a broken policy fails closed, as a server error the operator sees.
 */
export function parsePasswordPolicy(text: string | null | undefined): RegExp | null {
  if (!text) return null;
  const wrapped = /^\/(.*)\/([a-z]*)$/s.exec(text);
  const source = wrapped ? wrapped[1] : text;
  const flags = wrapped ? wrapped[2].replace(/[gy]/g, '') : '';
  try {
    return new RegExp(source, flags);
  } catch {
    throw new Error('settings.auth_password_policy is not a valid regular expression');
  }
}

/** 400 FAILED_VALIDATION on field `password` unless `password` matches the project's policy. */
export function assertPasswordPolicy(policy: string | null | undefined, password: string): void {
  const regex = parsePasswordPolicy(policy);
  if (!regex) return;
  let matches: boolean;
  try {
    sandbox.policy = regex;
    sandbox.password = password;
    matches = matchScript.runInContext(sandbox, { timeout: MATCH_TIMEOUT_MS }) === true;
  } catch {
    matches = false;
  } finally {
    sandbox.policy = null;
    sandbox.password = '';
  }
  if (!matches) {
    throw failedValidation({
      collection: 'directus_users',
      field: 'password',
      type: 'regex',
      detail: "Value doesn't have the correct format.",
    });
  }
}
