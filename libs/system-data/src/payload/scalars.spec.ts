import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUuid, toBoolean } from './scalars';

describe('isUuid', () => {
  const cases: Array<[string, boolean]> = [
    ['6f1c2a4e-9b3d-4c5e-8f7a-0b1c2d3e4f5a', true],
    ['6F1C2A4E-9B3D-4C5E-8F7A-0B1C2D3E4F5A', true],
    ['6f1c2a4e9b3d4c5e8f7a0b1c2d3e4f5a', false],
    ["1' OR '1'='1", false],
    ['', false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(isUuid(value), expected));
  }
});

describe('toBoolean', () => {
  const cases: Array<[unknown, boolean | undefined]> = [
    [true, true],
    ['true', true],
    ['1', true],
    [1, true],
    [false, false],
    ['false', false],
    ['0', false],
    [0, false],
    ['yes', undefined],
    [null, undefined],
    [2, undefined],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(toBoolean(value), expected));
  }
});
