import { failedValidation, forbidden } from '@atrium/core';
import type { QueryContext, QueryLimits } from '@atrium/query';
import type { CollectionOverview } from '@atrium/schema';
import type { ClientBase } from 'pg';
import type { PermissionAction, PermissionRule } from './permission-types';
import type { RequestPermissions } from './request-permissions';
import { reachableKeys } from './reachable-keys';
import { resolveVariables } from './resolve-variables';
import { firstFailingField } from './validation-filter';

type Payload = Record<string, unknown>;
type Key = string | number;

/**
 * Checks every write of a request BEFORE it happens (issue 7: a forbidden write changes nothing): the
 * action must be granted on the collection, every payload field must be allowed by a rule that also
 * reaches the item, the payload must pass that rule's `validation`, and creates get the rules' `presets`.
 * Nested relational writes go through the same checks for their own collection.
 */
export class WriteGuard {
  constructor(
    private readonly permissions: RequestPermissions,
    private readonly context: QueryContext,
    private readonly limits: QueryLimits,
  ) {}

  /** The payload to insert: presets underneath, the caller's values on top (403 / 400 when refused). */
  create(collection: CollectionOverview, payload: Payload): Payload {
    if (this.permissions.admin) return payload;
    const rules = this.candidates(collection, 'create', Object.keys(payload));
    const presets = Object.assign(
      {},
      ...this.permissions
        .rules(collection.collection, 'create')
        .map((rule) => resolveVariables(rule.presets ?? {}, this.context)),
    ) as Payload;
    const merged = { ...presets, ...payload };
    this.validate(collection, rules, merged, false);
    return merged;
  }

  /** Every key must be reachable by an update rule that allows all the payload's fields. */
  async update(
    db: ClientBase,
    collection: CollectionOverview,
    keys: readonly Key[],
    payload: Payload,
  ): Promise<void> {
    if (this.permissions.admin) return;
    const rules = this.candidates(collection, 'update', Object.keys(payload));
    this.validate(collection, rules, payload, true);
    await this.reachable(db, collection, rules, keys);
  }

  async delete(db: ClientBase, collection: CollectionOverview, keys: readonly Key[]): Promise<void> {
    if (this.permissions.admin) return;
    const rules = this.permissions.rules(collection.collection, 'delete');
    if (rules.length === 0) throw forbidden();
    await this.reachable(db, collection, rules, keys);
  }

  /**
   * The rules for this action that allow every field being written (the primary key is a locator, not a
   * write). None: the collection or one of the fields is forbidden.
   */
  private candidates(
    collection: CollectionOverview,
    action: PermissionAction,
    fields: string[],
  ): PermissionRule[] {
    const written = fields.filter((field) => field !== collection.primary);
    const rules = this.permissions
      .rules(collection.collection, action)
      .filter((rule) => rule.fields === '*' || written.every((field) => rule.fields.includes(field)));
    if (rules.length === 0) throw forbidden();
    return rules;
  }

  /** The payload has to pass the validation of at least one of the rules that would allow it. */
  private validate(
    collection: CollectionOverview,
    rules: readonly PermissionRule[],
    payload: Payload,
    partial: boolean,
  ): void {
    let failure: string | null = null;
    for (const rule of rules) {
      if (!rule.validation) return;
      const validation = resolveVariables(rule.validation, this.context);
      const field = firstFailingField(validation, payload, partial);
      if (field === null) return;
      failure ??= field;
    }
    if (failure !== null) {
      throw failedValidation({
        collection: collection.collection,
        field: failure,
        type: 'validation',
        detail: 'Value does not match the permission rule.',
      });
    }
  }

  /** One read under the rules' item filters: every key must come back, else nothing is written (403). */
  private async reachable(
    db: ClientBase,
    collection: CollectionOverview,
    rules: readonly PermissionRule[],
    keys: readonly Key[],
  ): Promise<void> {
    const found = await reachableKeys(db, this.permissions.overview, collection.collection, rules, keys, {
      context: this.context,
      limits: this.limits,
    });
    if (!keys.every((key) => found.has(String(key)))) throw forbidden();
  }
}
