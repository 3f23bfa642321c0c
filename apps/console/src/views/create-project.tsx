import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNotice } from '../components/notice';
import { useSubmit } from '../resource';

const FIELDS = [
  { name: 'project', label: 'Key', type: 'text', hint: 'a–z, 0–9, _ or -, starting with a letter' },
  { name: 'name', label: 'Name', type: 'text', hint: 'shown to people; the key if empty' },
  { name: 'admin_email', label: 'Admin email', type: 'email', hint: "the project's first admin user" },
  { name: 'admin_password', label: 'Admin password', type: 'password', hint: '' },
] as const;

type Values = Record<(typeof FIELDS)[number]['name'], string>;

/** Provisions a project; the API's validation messages are shown as it words them. */
export function CreateProject({ onCreated }: { onCreated: (key: string) => void }) {
  const empty: Values = { project: '', name: '', admin_email: '', admin_password: '' };
  const [values, setValues] = useState<Values>(empty);
  const { busy, error, submit } = useSubmit(async () => {
    const body: Record<string, string> = { ...values };
    if (body.name === '') delete body.name;
    await api('/server/projects', { method: 'POST', body });
    setValues(empty);
    onCreated(values.project);
  });
  return (
    <form class="panel create-project" onSubmit={submit} aria-busy={busy} aria-labelledby="create-title">
      <h2 id="create-title">New project</h2>
      <div class="form-grid">
        {FIELDS.map((field) => (
          <div class="field" key={field.name}>
            <label for={`new-${field.name}`}>{field.label}</label>
            <input
              id={`new-${field.name}`}
              name={field.name}
              // Preact types `type` per input kind; these three share every attribute used here.
              type={field.type as 'text'}
              required={field.name !== 'name'}
              autoComplete={field.type === 'password' ? 'new-password' : 'off'}
              value={values[field.name]}
              onInput={(e) => setValues({ ...values, [field.name]: e.currentTarget.value })}
            />
            {field.hint && <small class="hint">{field.hint}</small>}
          </div>
        ))}
      </div>
      <ErrorNotice message={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create project'}
      </button>
    </form>
  );
}
