/** The label of a project outside the most active ones. */
export const OTHER_PROJECT = 'other';

/**
 * Which projects get their own `project` label: the `max` most active, re-ranked every `rankEvery` requests
 * from counts that halve at each ranking (recent activity weighs most). The rest are `other`, so a platform
 * with ten thousand projects still exports at most `max + 1` project values per series. `onDemoted` hears the
 * projects that lost their label, so their series can be dropped.
 */
export class ProjectLabels {
  private readonly counts = new Map<string, number>();
  private labelled = new Set<string>();
  private seen = 0;

  constructor(
    private readonly max: number,
    private readonly onDemoted: (project: string) => void = () => undefined,
    private readonly rankEvery = 1000,
  ) {}

  /** Counts a request of `project` and answers the label it is recorded under. */
  labelOf(project: string): string {
    if (this.max === 0) return OTHER_PROJECT;
    this.counts.set(project, (this.counts.get(project) ?? 0) + 1);
    if (this.labelled.size < this.max && !this.labelled.has(project)) this.labelled.add(project);
    if (++this.seen % this.rankEvery === 0) this.rank();
    return this.labelled.has(project) ? project : OTHER_PROJECT;
  }

  private rank(): void {
    const top = [...this.counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, this.max);
    const next = new Set(top.map(([project]) => project));
    for (const project of this.labelled) if (!next.has(project)) this.onDemoted(project);
    this.labelled = next;
    for (const [project, count] of this.counts) {
      const halved = Math.floor(count / 2);
      if (halved === 0) this.counts.delete(project);
      else this.counts.set(project, halved);
    }
  }
}
