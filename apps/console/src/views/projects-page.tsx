import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNotice, Loading } from '../components/notice';
import { QuotaBar } from '../components/quota-bar';
import { StatusBadge } from '../components/status';
import { bytes, count } from '../format';
import { Day } from '../components/day';
import type { Project } from '../projects';
import { messageOf, useResource } from '../resource';
import { href } from '../router';
import { CreateProject } from './create-project';

/** Every project with its stats; create, suspend or resume, and delete (typed confirmation). */
export function ProjectsPage() {
  const projects = useResource(
    () => api<{ data: Project[] }>('/server/projects?sort=key').then((r) => r.data),
    [],
  );
  const [actionError, setActionError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const act = async (run: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await run();
      projects.reload();
    } catch (failure) {
      setActionError(messageOf(failure));
    }
  };
  const setStatus = (project: Project, status: string) =>
    act(() => api(`/server/projects/${project.key}`, { method: 'PATCH', body: { status } }));

  return (
    <section aria-labelledby="projects-title">
      <header class="page-header">
        <h1 id="projects-title">Projects</h1>
        <button type="button" class="secondary" onClick={projects.reload}>
          Refresh
        </button>
      </header>
      <CreateProject onCreated={() => projects.reload()} />
      <ErrorNotice message={actionError ?? projects.error} />
      {projects.loading && <Loading label="Loading projects…" />}
      {projects.data && (
        <div class="table-wrap">
          <table class="projects">
            <caption class="visually-hidden">Projects and their statistics</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Collections
                </th>
                <th scope="col" class="num">
                  Entries
                </th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col" class="num">
                  Files
                </th>
                <th scope="col">Quota</th>
                <th scope="col">Records</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {projects.data.length === 0 && (
                <tr>
                  <td colSpan={11} class="muted">
                    No projects yet.
                  </td>
                </tr>
              )}
              {projects.data.map((project) => (
                <tr key={project.key} data-project={project.key}>
                  <th scope="row">
                    <a href={href('projects', project.key)}>{project.key}</a>
                  </th>
                  <td>{project.name}</td>
                  <td>
                    <StatusBadge status={project.status} />
                  </td>
                  <td class="num">{count(project.collection_count)}</td>
                  <td class="num">{count(project.entry_count)}</td>
                  <td class="num">{bytes(project.size)}</td>
                  <td class="num">{count(project.file_count)}</td>
                  <td>
                    <QuotaBar used={project.size} limit={project.quota.size} />
                  </td>
                  <td class="records">
                    {project.oldest_record === null && project.latest_record === null ? (
                      <span class="muted">none</span>
                    ) : (
                      <>
                        <span>
                          Oldest <Day value={project.oldest_record} />
                        </span>
                        <span>
                          Latest <Day value={project.latest_record} />
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <Day value={project.created_at} />
                  </td>
                  <td>
                    <div class="actions">
                      {project.status === 'suspended' ? (
                        <button type="button" class="secondary" onClick={() => setStatus(project, 'active')}>
                          Resume<span class="visually-hidden"> {project.key}</span>
                        </button>
                      ) : (
                        <button
                          type="button"
                          class="secondary"
                          onClick={() => setStatus(project, 'suspended')}
                        >
                          Suspend<span class="visually-hidden"> {project.key}</span>
                        </button>
                      )}
                      <button type="button" class="danger" onClick={() => setDeleting(project.key)}>
                        Delete<span class="visually-hidden"> {project.key}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <DeleteDialog
          project={deleting}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const key = deleting;
            setDeleting(null);
            return act(() => api(`/server/projects/${key}`, { method: 'DELETE' }));
          }}
        />
      )}
    </section>
  );
}

/** Deleting drops a database: the key has to be typed before the button works. */
function DeleteDialog(props: { project: string; onCancel: () => void; onConfirm: () => void }) {
  const [typed, setTyped] = useState('');
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-title">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onConfirm();
          }}
          onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
        >
          <h2 id="delete-title">Delete {props.project}?</h2>
          <p>Its database, files and tokens are removed. This cannot be undone.</p>
          <label for="delete-confirm">Type the key, {props.project}, to confirm</label>
          <input
            id="delete-confirm"
            autoFocus
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <div class="dialog-buttons">
            <button type="button" class="secondary" onClick={props.onCancel}>
              Cancel
            </button>
            <button type="submit" class="danger" disabled={typed !== props.project}>
              Delete project
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
