/** One DDL statement and why it is there, for logs and error reports. */
export interface DdlStep {
  sql: string;
  why: string;
}

/** The statements of a plan, in order. */
export function sqlOf(steps: readonly DdlStep[]): string[] {
  return steps.map((step) => step.sql);
}
