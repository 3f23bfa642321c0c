import { useState } from 'preact/hooks';
import { isDataField, projectApi, type FieldInfo } from '../project-api';
import { useResource } from '../resource';

const CHOICES = 50;

interface Related {
  primary: string;
  label: string | null;
}

/** The related collection's key and the field that names its items: the display template's first field, else its first text field. */
async function describe(project: string, collection: string): Promise<Related> {
  const [fields, info] = await Promise.all([
    projectApi<{ data: FieldInfo[] }>(project, `/fields/${encodeURIComponent(collection)}`),
    projectApi<{ data: { meta: { display_template?: string | null } | null } }>(
      project,
      `/collections/${encodeURIComponent(collection)}`,
    ),
  ]);
  const data = fields.data.filter(isDataField);
  const primary = data.find((f) => f.schema?.is_primary_key)?.field ?? 'id';
  const templated = /\{\{\s*([\w]+)\s*\}\}/.exec(info.data.meta?.display_template ?? '')?.[1];
  const label =
    (templated && data.some((f) => f.field === templated) ? templated : undefined) ??
    data.find((f) => f.field !== primary && (f.type === 'string' || f.type === 'text'))?.field ??
    null;
  return { primary, label };
}

/**
 * A many-to-one field: choose the related item from a list of the related collection (what the caller may
 * read of it), narrowed by a search; the stored value is the related item's key.
 */
export function RelationPicker(props: {
  id: string;
  project: string;
  related: string;
  value: unknown;
  disabled: boolean;
  required: boolean;
  onChange: (value: unknown) => void;
}) {
  const { project, related, value } = props;
  const [search, setSearch] = useState('');
  const shape = useResource(() => describe(project, related), [project, related]);
  const choices = useResource(async () => {
    if (!shape.data) return [];
    const { primary, label } = shape.data;
    const query = new URLSearchParams({
      fields: [primary, label].filter(Boolean).join(','),
      limit: String(CHOICES),
      sort: label ?? primary,
    });
    if (search) query.set('search', search);
    const answer = await projectApi<{ data: Array<Record<string, unknown>> }>(
      project,
      `/items/${encodeURIComponent(related)}?${query}`,
    );
    return answer.data;
  }, [project, related, shape.data, search]);

  const primary = shape.data?.primary ?? 'id';
  const label = shape.data?.label;
  const current = value === null || value === undefined ? '' : String(value);
  const listed = (choices.data ?? []).map((row) => ({
    key: String(row[primary]),
    text:
      label && row[label] !== null && row[label] !== undefined
        ? `${String(row[label])} (${String(row[primary])})`
        : String(row[primary]),
    raw: row[primary],
  }));
  const missing = current !== '' && !listed.some((choice) => choice.key === current);
  return (
    <div class="relation-picker">
      <select
        id={props.id}
        name={props.id}
        disabled={props.disabled || shape.loading}
        required={props.required}
        aria-describedby={`${props.id}-related`}
        value={current}
        onChange={(e) => {
          const key = e.currentTarget.value;
          props.onChange(key === '' ? null : (listed.find((choice) => choice.key === key)?.raw ?? value));
        }}
      >
        <option value="">—</option>
        {missing && <option value={current}>{current}</option>}
        {listed.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choice.text}
          </option>
        ))}
      </select>
      {!props.disabled && (
        <input
          type="search"
          aria-label={`Search ${related}`}
          placeholder={`Search ${related}…`}
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      )}
      <small class="hint" id={`${props.id}-related`}>
        {shape.error ?? choices.error ?? `an item of ${related}`}
      </small>
    </div>
  );
}
