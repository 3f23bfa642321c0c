import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { JOB_QUEUE, JOB_QUEUE_NAMES, type JobQueueDriver } from '@atrium/jobs';
import { SchemaCache } from '@atrium/schema';
import { TenantConnectionManager } from '@atrium/tenancy';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ProjectLabels } from './project-labels';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** `2xx`, `4xx`…: the status as a bounded label. */
const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * This instance's Prometheus metrics (prom-client, its own registry): HTTP requests and durations by route
 * template, method, status class and project — a project label only for the METRICS_PROJECTS_MAX most active,
 * the rest `other` —, tenant pools and connections against their limits, waiting connection requests, the job
 * queue's depth by state, schema-cache lookups, provisioning time, and Node's process metrics.
 */
@Injectable()
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status_class' | 'project'>;
  private readonly durations: Histogram<'method' | 'route' | 'status_class' | 'project'>;
  private readonly provisioning: Histogram;
  private readonly labels: ProjectLabels;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    connections: TenantConnectionManager,
    // Absent where no request reads schemas (the CLI's platform): its lookups are then not exported.
    @Optional() @Inject(SchemaCache) schemas: SchemaCache | null,
    @Inject(JOB_QUEUE) queue: JobQueueDriver,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'atrium_' });
    this.requests = new Counter({
      name: 'atrium_http_requests_total',
      help: 'HTTP requests answered, by method, route template, status class and project.',
      labelNames: ['method', 'route', 'status_class', 'project'],
      registers,
    });
    this.durations = new Histogram({
      name: 'atrium_http_request_duration_seconds',
      help: 'Time to answer an HTTP request.',
      labelNames: ['method', 'route', 'status_class', 'project'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.provisioning = new Histogram({
      name: 'atrium_project_provision_seconds',
      help: 'Time to provision a project (database, schema, first admin).',
      buckets: [0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // A project that loses its label takes its series with it: the label count stays bounded.
    this.labels = new ProjectLabels(config.metrics.projectsMax, (project) => {
      this.requests.remove({ project } as never);
      this.durations.remove({ project } as never);
    });
    const summary = () => connections.poolSummary();
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(value());
        },
      });
    gauge('atrium_tenant_pools_open', 'Tenant pools open on this instance.', () => summary().poolsOpen);
    gauge(
      'atrium_tenant_pools_max',
      'Tenant pools this instance may keep open (TENANT_POOLS_MAX).',
      () => summary().poolsMax,
    );
    gauge(
      'atrium_tenant_connections_open',
      'Tenant database connections open.',
      () => summary().connectionsOpen,
    );
    gauge(
      'atrium_tenant_connections_max',
      'Tenant connections allowed (TENANT_CONNECTIONS_MAX).',
      () => summary().connectionsMax,
    );
    gauge('atrium_tenant_pool_waiting', 'Requests waiting for a tenant connection now.', () =>
      connections.poolStates().reduce((sum, state) => sum + state.waiting, 0),
    );
    if (schemas) {
      gauge(
        'atrium_schema_cache_hits_total',
        'Schema overview lookups answered from the cache.',
        () => schemas.lookupCounts().hits,
      );
      gauge(
        'atrium_schema_cache_misses_total',
        'Schema overview lookups that built one.',
        () => schemas.lookupCounts().misses,
      );
    }
    new Gauge({
      name: 'atrium_queue_jobs',
      help: 'Jobs in the queue by state.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const name of JOB_QUEUE_NAMES) {
          try {
            const counts = await queue.counts(name);
            for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state]);
            // Jobs waiting in the platform database for Redis to come back (where the API holds them).
            if (counts.held !== undefined) this.set({ queue: name, state: 'held' }, counts.held);
          } catch {
            // The queue is down: its depth is unknown, and health says so.
          }
        }
      },
    });
    new Counter({
      name: 'atrium_queue_jobs_finished_total',
      help: 'Jobs finished by every worker, by queue and outcome (completed, failed for good).',
      labelNames: ['queue', 'outcome'],
      registers,
      async collect() {
        let totals;
        try {
          totals = await Promise.all(JOB_QUEUE_NAMES.map((name) => queue.outcomes(name)));
        } catch {
          return; // The queue is down: the last totals stand, and health says so.
        }
        // The totals live in the queue's store: this instance reports them as they are there.
        this.reset();
        JOB_QUEUE_NAMES.forEach((name, index) => {
          this.inc({ queue: name, outcome: 'completed' }, totals[index].completed);
          this.inc({ queue: name, outcome: 'failed' }, totals[index].failed);
        });
      },
    });
  }

  /** One answered request; `project` is null outside a project's routes. */
  observeRequest(
    method: string,
    route: string,
    status: number,
    project: string | null,
    seconds: number,
  ): void {
    const labels = {
      method,
      route,
      status_class: statusClass(status),
      project: project === null ? '' : this.labels.labelOf(project),
    };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  observeProvisioning(seconds: number): void {
    this.provisioning.observe(seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
