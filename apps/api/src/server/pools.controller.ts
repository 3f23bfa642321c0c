import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SuperAdminGuard } from '@atrium/core';
import { TenantConnectionManager } from '@atrium/tenancy';

interface PoolRow {
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

interface PoolsMeta {
  pools_open: number;
  pools_max: number;
  connections_open: number;
  connections_max: number;
  pool_size: number;
}

/** The tenant pools of this instance, for the operator: which projects hold connections, and how many. */
@ApiTags('Server')
@ApiBearerAuth()
@UseGuards(SuperAdminGuard)
@Controller('server/pools')
export class PoolsController {
  constructor(private readonly connections: TenantConnectionManager) {}

  @Get()
  list(): { data: PoolRow[]; meta: PoolsMeta } {
    const summary = this.connections.poolSummary();
    return {
      data: this.connections.poolStates().map((state) => ({
        project: state.project,
        open: state.open,
        connections: state.connections,
        idle: state.idle,
        in_use: state.connections - state.idle,
        waiting: state.waiting,
        leases: state.leases,
        last_used: state.lastUsed.toISOString(),
        draining: state.draining,
      })),
      meta: {
        pools_open: summary.poolsOpen,
        pools_max: summary.poolsMax,
        connections_open: summary.connectionsOpen,
        connections_max: summary.connectionsMax,
        pool_size: summary.poolSize,
      },
    };
  }
}
