import { useState } from 'preact/hooks';
import { api } from '../api';
import { LineChart } from '../components/line-chart';
import { ErrorNotice, Loading } from '../components/notice';
import { QuotaBar } from '../components/quota-bar';
import { StatusBadge } from '../components/status';
import { bytes, count, date } from '../format';
import type { Project } from '../projects';
import { usePolling } from '../resource';
import { href } from '../router';

const REFRESH_MS = 10_000;
const KEPT = 60;

/** One project's registry facts and stats, sampled while the page is open. */
export function ProjectPage({ projectKey }: { projectKey: string }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [samples, setSamples] = useState<{ entries: number[]; sizeMb: number[] }>({
    entries: [],
    sizeMb: [],
  });

  usePolling(
    () => api<{ data: Project }>(`/server/projects/${encodeURIComponent(projectKey)}`).then((r) => r.data),
    REFRESH_MS,
    {
      onValue: (data) => {
        setProject(data);
        setError(null);
        setSamples((s) => ({
          entries: [...s.entries, data.entry_count ?? 0].slice(-KEPT),
          sizeMb: [...s.sizeMb, (data.size ?? 0) / 1e6].slice(-KEPT),
        }));
      },
      onError: setError,
    },
    [projectKey],
  );

  return (
    <section aria-labelledby="project-title">
      <p>
        <a href={href('projects')}>← Projects</a>
      </p>
      <header class="page-header">
        <h1 id="project-title">{project?.name ?? projectKey}</h1>
        {project && <StatusBadge status={project.status} />}
      </header>
      <ErrorNotice message={error} />
      {!project && !error && <Loading />}
      {project && (
        <>
          <dl class="facts">
            <dt>Key</dt>
            <dd>{project.key}</dd>
            <dt>Database server</dt>
            <dd>{project.database}</dd>
            <dt>Collections</dt>
            <dd>{count(project.collection_count)}</dd>
            <dt>Entries</dt>
            <dd>{count(project.entry_count)}</dd>
            <dt>Size</dt>
            <dd>{bytes(project.size)}</dd>
            <dt>Files</dt>
            <dd>{count(project.file_count)}</dd>
            <dt>Quota</dt>
            <dd>
              <QuotaBar used={project.size} limit={project.quota.size} />
            </dd>
            <dt>Oldest record</dt>
            <dd>{date(project.oldest_record)}</dd>
            <dt>Latest record</dt>
            <dd>{date(project.latest_record)}</dd>
            <dt>Created</dt>
            <dd>{date(project.created_at)}</dd>
          </dl>
          <div class="charts">
            <LineChart title="Entries" unit="" series={[{ label: 'entries', values: samples.entries }]} />
            <LineChart title="Size" unit="MB" series={[{ label: 'size', values: samples.sizeMb }]} />
          </div>
          <p class="muted">Sampled every {REFRESH_MS / 1000} s while this page is open.</p>
        </>
      )}
    </section>
  );
}
