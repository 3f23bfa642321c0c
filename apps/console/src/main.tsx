import { render } from 'preact';
import { useState } from 'preact/hooks';
import { superAdminToken } from './api';
import { href, useRoute } from './router';
import { HealthPage } from './views/health-page';
import { ProjectPage } from './views/project-page';
import { ProjectsPage } from './views/projects-page';
import { SignIn } from './views/sign-in';
import './styles.css';

function Platform({ onSignOut }: { onSignOut: () => void }) {
  const route = useRoute();
  const [section = 'projects', key] = route;
  const page =
    section === 'health' ? (
      <HealthPage />
    ) : section === 'projects' && key ? (
      <ProjectPage projectKey={key} />
    ) : (
      <ProjectsPage />
    );
  const link = (name: string, label: string) => (
    <a href={href(name)} aria-current={section === name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <header class="top-bar">
        <span class="brand">Atrium</span>
        <nav aria-label="Platform">
          {link('projects', 'Projects')}
          {link('health', 'Health')}
        </nav>
        <button type="button" class="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main class="content">{page}</main>
    </>
  );
}

function App() {
  const [signedIn, setSignedIn] = useState(() => superAdminToken.get() !== null);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  return (
    <Platform
      onSignOut={() => {
        superAdminToken.clear();
        setSignedIn(false);
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
