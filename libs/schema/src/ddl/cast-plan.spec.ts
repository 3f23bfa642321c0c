import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectusType } from '../overview/schema-overview';
import { castPlan } from './cast-plan';
import { DIRECTUS_TYPES } from './field-types';

const COLUMN_TYPES = DIRECTUS_TYPES.filter((type) => type !== 'alias' && type !== 'unknown');

describe('castPlan', () => {
  const allowed: [DirectusType, DirectusType, string | null, boolean][] = [
    ['integer', 'bigInteger', 'bigint', false],
    ['bigInteger', 'integer', 'integer', true],
    ['integer', 'decimal', 'numeric', true],
    ['integer', 'float', 'real', false],
    ['decimal', 'integer', 'integer', true],
    ['float', 'decimal', 'numeric', true],
    ['boolean', 'integer', 'integer', false],
    ['boolean', 'bigInteger', 'integer', false],
    ['integer', 'boolean', 'boolean', false],
    ['string', 'text', 'text', false],
    ['text', 'string', 'text', true],
    ['csv', 'string', 'text', true],
    ['text', 'csv', 'text', false],
    ['hash', 'string', 'text', true],
    ['hash', 'text', 'text', false],
    ['string', 'integer', 'integer', true],
    ['text', 'bigInteger', 'bigint', true],
    ['string', 'decimal', 'numeric', true],
    ['string', 'float', 'real', true],
    ['string', 'boolean', 'boolean', true],
    ['string', 'date', 'date', true],
    ['string', 'time', 'time', true],
    ['string', 'dateTime', 'timestamp', true],
    ['string', 'timestamp', 'timestamptz', true],
    ['text', 'json', 'json', true],
    ['string', 'uuid', 'uuid', true],
    ['json', 'text', 'text', false],
    ['json', 'string', 'text', true],
    ['uuid', 'string', 'text', true],
    ['date', 'dateTime', 'timestamp', false],
    ['date', 'timestamp', 'timestamptz', false],
    ['dateTime', 'timestamp', 'timestamptz', false],
    ['timestamp', 'dateTime', 'timestamp', false],
    ['dateTime', 'date', 'date', false],
    ['timestamp', 'time', 'time', false],
    ['integer', 'text', 'text', false],
    ['boolean', 'string', 'text', true],
    ['string', 'string', null, true],
    ['decimal', 'decimal', null, true],
    ['integer', 'integer', null, false],
    ['alias', 'alias', null, false],
  ];
  for (const [from, to, via, mayFail] of allowed) {
    it(`${from} → ${to} via ${via ?? '(none)'}`, () => {
      const plan = castPlan(from, to);
      assert.equal(plan.allowed, true);
      if (!plan.allowed) return;
      assert.equal(plan.via, via);
      assert.equal(plan.mayFail, mayFail);
    });
  }

  const refused: [DirectusType, DirectusType, RegExp][] = [
    ['boolean', 'date', /no conversion/],
    ['json', 'integer', /no conversion/],
    ['json', 'boolean', /no conversion/],
    ['json', 'uuid', /no conversion/],
    ['integer', 'json', /no conversion/],
    ['integer', 'date', /no conversion/],
    ['date', 'integer', /no conversion/],
    ['date', 'time', /no conversion/],
    ['time', 'date', /no conversion/],
    ['time', 'dateTime', /no conversion/],
    ['uuid', 'integer', /no conversion/],
    ['bigInteger', 'boolean', /no conversion/],
    ['boolean', 'float', /no conversion/],
    ['float', 'boolean', /no conversion/],
    ['string', 'hash', /aren't hashes/],
    ['text', 'hash', /aren't hashes/],
    ['binary', 'text', /binary data/],
    ['string', 'binary', /binary data/],
    ['string', 'alias', /alias/],
    ['alias', 'string', /alias/],
    ['unknown', 'text', /isn't one Atrium maps/],
    ['text', 'unknown', /isn't one Atrium maps/],
  ];
  for (const [from, to, reason] of refused) {
    it(`refuses ${from} → ${to}`, () => {
      const plan = castPlan(from, to);
      assert.equal(plan.allowed, false);
      if (!plan.allowed) {
        assert.match(plan.reason, reason);
        assert.match(plan.reason, /\.$/);
      }
    });
  }

  it('every column type converts to itself, to text, and never to alias', () => {
    for (const type of COLUMN_TYPES) {
      assert.equal(castPlan(type, type).allowed, true, type);
      assert.equal(castPlan(type, 'alias').allowed, false, type);
      if (type !== 'binary') assert.equal(castPlan(type, 'text').allowed, true, `${type} → text`);
    }
  });

  it('every via is a fixed, plain type name', () => {
    for (const from of DIRECTUS_TYPES) {
      for (const to of DIRECTUS_TYPES) {
        const plan = castPlan(from, to);
        if (plan.allowed && plan.via !== null) assert.match(plan.via, /^[a-z]+$/, `${from} → ${to}`);
      }
    }
  });
});
