import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValidationError } from '@nestjs/common';
import { firstProblem, invalidPayloadFor } from './validation.pipe';

function failed(property: string, value: unknown, constraints: Record<string, string>): ValidationError {
  return { property, value, constraints, children: [] };
}

describe('validation pipe: Directus (Joi) wording', () => {
  it('a missing property is required, whatever rule it broke first', () => {
    assert.equal(
      firstProblem([
        failed('email', undefined, { maxLength: 'must be shorter than or equal to 255 characters' }),
      ]),
      '"email" is required',
    );
  });

  it('a present but wrong value keeps its rule message', () => {
    assert.equal(
      firstProblem([failed('email', 42, { isString: '"email" must be a string' })]),
      '"email" must be a string',
    );
    assert.equal(
      firstProblem([failed('email', null, { isString: '"email" must be a string' })]),
      '"email" must be a string',
    );
  });

  it('nested properties are named by their path; only the first problem counts (Joi abortEarly)', () => {
    const quota: ValidationError = {
      property: 'quota',
      value: { type: 'HARD' },
      children: [failed('size', undefined, { isInt: 'quota.size must be a whole number of bytes' })],
    };
    assert.equal(
      firstProblem([quota, failed('name', undefined, { isString: 'x' })]),
      '"quota.size" is required',
    );
  });

  it('builds the 400 INVALID_PAYLOAD envelope with the reason and a final period', () => {
    const error = invalidPayloadFor([failed('password', undefined, { isString: 'x' })]);
    assert.equal(error.code, 'INVALID_PAYLOAD');
    assert.equal(error.status, 400);
    assert.equal(error.message, 'Invalid payload. "password" is required.');
    assert.deepEqual(error.extensions, { reason: '"password" is required' });
    assert.equal(
      invalidPayloadFor([failed('a', 1, { rule: 'Already ends.' })]).message,
      'Invalid payload. Already ends.',
    );
  });
});
