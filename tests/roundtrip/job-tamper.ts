/**
 * Tampering with jobs as the stack registers them: members of JobBatch resources (Jobs API settings keyed by
 * source id). `change` returns the member's new settings, or "drop" to leave it out of its batch.
 */
import type { Inputs } from "../../roundtrip/api-body";

type Settings = Record<string, unknown>;

export function tamperJobs(
  change: (settings: Settings, sourceId: string) => Settings | "drop",
): (type: string, name: string, inputs: Inputs) => Inputs {
  return (type, _name, inputs) => {
    if (!type.endsWith(":JobBatch")) return inputs;
    const jobs: Record<string, Settings> = {};
    for (const [src, s] of Object.entries(inputs.jobs as Record<string, Settings>)) {
      const t = change(s, src);
      if (t !== "drop") jobs[src] = t;
    }
    return { ...inputs, jobs, order: (inputs.order as string[]).filter((s) => s in jobs) };
  };
}
