import { useState } from 'preact/hooks';
import { api, superAdminToken } from '../api';
import { ErrorNotice } from '../components/notice';
import { useSubmit } from '../resource';
import { ProjectSignIn } from './project-sign-in';

/** The super-admin signs in with the platform token; it is checked against /server/projects before it is kept. */
export function SignIn(props: { onSignedIn: () => void; onProjectSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await api('/server/projects?limit=1', { token });
    superAdminToken.set(token);
    props.onSignedIn();
  });
  return (
    <main class="sign-in">
      <h1>Atrium console</h1>
      <div class="sign-in-forms">
        <form onSubmit={submit} aria-busy={busy}>
          <h2>Platform sign-in</h2>
          <label for="token">Super-admin token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="current-password"
            required
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
          <p class="hint">Kept in this tab only (sessionStorage), sent as a bearer token.</p>
          <ErrorNotice message={error} />
          <button type="submit" disabled={busy || token === ''}>
            {busy ? 'Signing in…' : 'Sign in to the platform'}
          </button>
        </form>
        <ProjectSignIn onSignedIn={props.onProjectSignedIn} />
      </div>
    </main>
  );
}
