import * as os from 'node:os';

/** Facts about the process and machine that only the super-admin (or a project admin) may see. */
export function runtimeInfo() {
  return {
    node: { version: process.versions.node, uptime: Math.round(process.uptime()) },
    os: { type: os.type(), version: os.release(), uptime: Math.round(os.uptime()), totalmem: os.totalmem() },
  };
}
