/** `GET /server/pools`: this instance's tenant pools and the limits they share. */
export interface PoolRow {
  project: string;
  open: boolean;
  connections: number;
  idle: number;
  in_use: number;
  waiting: number;
  leases: number;
  last_used: string;
  draining: boolean;
}

export interface PoolsReport {
  data: PoolRow[];
  meta: {
    pools_open: number;
    pools_max: number;
    connections_open: number;
    connections_max: number;
    pool_size: number;
  };
}

export const poolState = (row: PoolRow) => (!row.open ? 'opening' : row.draining ? 'draining' : 'open');
