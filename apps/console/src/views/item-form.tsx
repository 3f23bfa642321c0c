import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/notice';
import { isDataField, projectApi, type FieldInfo, type MyPermissions } from '../project-api';
import { useResource, useSubmit } from '../resource';
import { href } from '../router';
import { RelationPicker } from './relation-picker';

type Values = Record<string, unknown>;

const NUMERIC = new Set(['integer', 'bigInteger', 'float', 'decimal']);

/** What an input's text becomes in the body: numbers for numeric fields, null for an emptied optional field. */
function fromInput(field: FieldInfo, text: string): unknown {
  if (text === '') return null;
  if (field.type === 'integer' || field.type === 'float') return Number(text);
  if (field.type === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function toInput(field: FieldInfo, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'json') return JSON.stringify(value);
  if ((field.type === 'dateTime' || field.type === 'timestamp') && typeof value === 'string')
    return value.slice(0, 16);
  return String(value);
}

function mayName(fields: string[] | undefined, name: string): boolean {
  return fields === undefined || fields.includes('*') || fields.includes(name);
}

/** One item, in a form generated from its fields; create, edit and delete as the caller's permissions allow. */
export function ItemForm(props: {
  project: string;
  collection: string;
  id: string | null;
  permissions: MyPermissions;
}) {
  const { project, collection, id } = props;
  const access = props.permissions[collection];
  const action = id === null ? access?.create : access?.update;
  const mayWrite = action !== undefined && action.access !== 'none';
  const mayDelete = id !== null && access !== undefined && access.delete.access !== 'none';
  const base = `/items/${encodeURIComponent(collection)}`;

  const fields = useResource(
    () =>
      projectApi<{ data: FieldInfo[] }>(project, `/fields/${encodeURIComponent(collection)}`).then(
        (r) => r.data,
      ),
    [project, collection],
  );
  const item = useResource(
    () =>
      id === null
        ? Promise.resolve({} as Values)
        : projectApi<{ data: Values }>(project, `${base}/${encodeURIComponent(id)}`).then((r) => r.data),
    [project, collection, id],
  );
  // Many-to-one fields, by field: the collection their value points into.
  const relations = useResource(
    () =>
      projectApi<{ data: Array<{ field: string; related_collection: string | null }> }>(
        project,
        `/relations/${encodeURIComponent(collection)}`,
      ).then(
        (r) =>
          new Map(r.data.flatMap((x) => (x.related_collection ? [[x.field, x.related_collection]] : []))),
        // A caller who may not read relations still gets a form, with plain inputs.
        () => new Map<string, string>(),
      ),
    [project, collection],
  );
  const [values, setValues] = useState<Values>({});
  useEffect(() => setValues(item.data ?? {}), [item.data]);

  const editable = (field: FieldInfo) =>
    mayWrite &&
    field.meta?.readonly !== true &&
    !(field.schema?.is_primary_key && (field.schema.has_auto_increment || id !== null)) &&
    mayName(action?.fields, field.field);
  const shown = (fields.data ?? []).filter(isDataField);

  const save = useSubmit(async () => {
    const body: Values = {};
    for (const field of shown) {
      if (editable(field) && values[field.field] !== (item.data ?? {})[field.field])
        body[field.field] = values[field.field];
    }
    await projectApi(project, id === null ? base : `${base}/${encodeURIComponent(id)}`, {
      method: id === null ? 'POST' : 'PATCH',
      body,
    });
    location.hash = href('c', collection);
  });
  const remove = useSubmit(async () => {
    if (id === null || !confirm(`Delete item ${id} of ${collection}?`)) return;
    await projectApi(project, `${base}/${encodeURIComponent(id)}`, { method: 'DELETE' });
    location.hash = href('c', collection);
  });
  const busy = save.busy || remove.busy;

  const input = (field: FieldInfo) => {
    const disabled = !editable(field);
    const common = {
      id: `field-${field.field}`,
      name: field.field,
      disabled,
      required: field.meta?.required === true,
    };
    const value = values[field.field];
    const set = (next: unknown) => setValues({ ...values, [field.field]: next });
    const choices = field.meta?.options?.choices;
    const related = relations.data?.get(field.field);
    if (related)
      return (
        <RelationPicker
          id={common.id}
          project={project}
          related={related}
          value={value}
          disabled={disabled}
          required={common.required}
          onChange={set}
        />
      );
    if (field.type === 'boolean')
      return (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(e.currentTarget.checked)}
        />
      );
    if (choices && choices.length > 0)
      return (
        <select
          {...common}
          value={toInput(field, value)}
          onChange={(e) => set(fromInput(field, e.currentTarget.value))}
        >
          <option value="">—</option>
          {choices.map((c) => (
            <option key={String(c.value)} value={String(c.value)}>
              {c.text}
            </option>
          ))}
        </select>
      );
    if (field.type === 'text' || field.type === 'json')
      return (
        <textarea
          {...common}
          rows={4}
          value={toInput(field, value)}
          onInput={(e) => set(fromInput(field, e.currentTarget.value))}
        />
      );
    const type = NUMERIC.has(field.type)
      ? 'number'
      : field.type === 'date'
        ? 'date'
        : field.type === 'dateTime' || field.type === 'timestamp'
          ? 'datetime-local'
          : 'text';
    return (
      <input
        {...common}
        type={type as 'text'}
        step={field.type === 'float' || field.type === 'decimal' ? 'any' : undefined}
        value={toInput(field, value)}
        onInput={(e) => set(fromInput(field, e.currentTarget.value))}
      />
    );
  };

  return (
    <section aria-labelledby="item-title">
      <p>
        <a href={href('c', collection)}>← {collection}</a>
      </p>
      <h1 id="item-title">{id === null ? `New ${collection} item` : `${collection} ${id}`}</h1>
      <ErrorNotice message={fields.error ?? item.error} />
      {(fields.loading || item.loading) && <Loading />}
      {fields.data && item.data && relations.data && (
        <form class="panel item-form" onSubmit={save.submit} aria-busy={busy}>
          {shown.map((field) => (
            <div class="field" key={field.field}>
              <label for={`field-${field.field}`}>
                {field.field}
                {field.meta?.required ? ' *' : ''}
              </label>
              {input(field)}
              {!relations.data?.has(field.field) && <small class="hint">{field.type}</small>}
            </div>
          ))}
          <ErrorNotice message={save.error ?? remove.error} />
          {!mayWrite && <p class="muted">Your role may not {id === null ? 'create' : 'edit'} these items.</p>}
          <div class="form-buttons">
            {mayWrite && (
              <button type="submit" disabled={busy}>
                {busy ? 'Saving…' : 'Save'}
              </button>
            )}
            {mayDelete && (
              <button type="button" class="danger" disabled={busy} onClick={() => void remove.submit()}>
                Delete
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
