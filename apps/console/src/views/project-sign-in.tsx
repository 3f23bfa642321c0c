import { useState } from 'preact/hooks';
import { ErrorNotice } from '../components/notice';
import { signInToProject } from '../project-api';
import { useSubmit } from '../resource';

/** A project's user signs in with email and password; the session stays in the project's cookie. */
export function ProjectSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [values, setValues] = useState({ project: '', email: '', password: '' });
  const { busy, error, submit } = useSubmit(async () => {
    await signInToProject(values.project.trim(), values.email, values.password);
    onSignedIn();
  });
  const field = (name: keyof typeof values, label: string, type: 'text' | 'email' | 'password') => (
    <>
      <label for={`project-${name}`}>{label}</label>
      <input
        id={`project-${name}`}
        type={type as 'text'}
        required
        autoComplete={type === 'password' ? 'current-password' : type === 'email' ? 'username' : 'off'}
        value={values[name]}
        onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
      />
    </>
  );
  return (
    <form onSubmit={submit} aria-busy={busy} aria-labelledby="project-sign-in-title">
      <h2 id="project-sign-in-title">Project sign-in</h2>
      {field('project', 'Project', 'text')}
      {field('email', 'Email', 'email')}
      {field('password', 'Password', 'password')}
      <ErrorNotice message={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in to project'}
      </button>
    </form>
  );
}
