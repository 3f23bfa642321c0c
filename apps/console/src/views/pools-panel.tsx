import { DataTable, type Column } from '../components/data-table';
import { Meter } from '../components/meter';
import { StatusBadge } from '../components/status';
import { ago, count } from '../format';
import { poolState, type PoolRow, type PoolsReport } from '../pools';
import { href } from '../router';

const COLUMNS: Column<PoolRow>[] = [
  { label: 'Project', cell: (row) => <a href={href('projects', row.project)}>{row.project}</a> },
  { label: 'State', cell: (row) => <StatusBadge status={poolState(row)} /> },
  { label: 'Connections', numeric: true, cell: (row) => row.connections },
  { label: 'In use', numeric: true, cell: (row) => row.in_use },
  { label: 'Idle', numeric: true, cell: (row) => row.idle },
  { label: 'Waiting', numeric: true, cell: (row) => row.waiting },
  { label: 'Requests holding it', numeric: true, cell: (row) => row.leases },
  { label: 'Last used', cell: (row) => ago(row.last_used) },
];

/** Which projects hold database connections on this instance, against the pool and connection limits. */
export function PoolsPanel({ report }: { report: PoolsReport }) {
  const { meta, data } = report;
  return (
    <section class="panel" aria-labelledby="pools-title">
      <h2 id="pools-title">Project pools</h2>
      <div class="limits">
        <p>
          <Meter value={meta.pools_open} max={meta.pools_max} label="Pools open" />
          <span>
            {count(meta.pools_open)} of {count(meta.pools_max)} pools open
          </span>
        </p>
        <p>
          <Meter value={meta.connections_open} max={meta.connections_max} label="Connections open" />
          <span>
            {count(meta.connections_open)} of {count(meta.connections_max)} connections ({meta.pool_size} per
            pool at most)
          </span>
        </p>
      </div>
      {data.length === 0 ? (
        <p class="muted">No project has an open pool: none was used since the idle timeout.</p>
      ) : (
        <DataTable
          name="pools"
          caption="Open tenant pools, most recently used first"
          columns={COLUMNS}
          rows={data}
          rowKey={(row) => row.project}
          empty=""
        />
      )}
    </section>
  );
}
