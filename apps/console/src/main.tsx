import { render } from 'preact';
import { useState } from 'preact/hooks';
import { superAdminToken } from './api';
import { href, useRoute } from './router';
import { HealthPage } from './views/health-page';
import { projectSession, signOutOfProject } from './project-api';
import { ProjectApp } from './views/project-app';
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

type Who = { kind: 'platform' } | { kind: 'project'; project: string } | null;

function signedIn(): Who {
  if (superAdminToken.get() !== null) return { kind: 'platform' };
  const project = projectSession.get();
  return project ? { kind: 'project', project } : null;
}

function App() {
  const [who, setWho] = useState<Who>(signedIn);
  const start = () => {
    location.hash = '';
    setWho(signedIn());
  };
  if (!who) return <SignIn onSignedIn={start} onProjectSignedIn={start} />;
  if (who.kind === 'project')
    return (
      <ProjectApp project={who.project} onSignOut={() => void signOutOfProject(who.project).then(start)} />
    );
  return (
    <Platform
      onSignOut={() => {
        superAdminToken.clear();
        start();
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
