/**
 * The fault suite's truth for model serving endpoints: every endpoint the emulator holds when the export
 * starts (its own state objects, never exporter output), with what its descriptor must carry as the README
 * documents it: the endpoint's id and name, each served entity's name, model, version and size, the
 * traffic routes and the tags. Databricks' own pay-per-token endpoints (`databricks-*` serving a
 * foundation model) are the platform's, not the workspace's: they must be skipped with a reason.
 */
import type { Obj } from "../emulator/state/types";
import type { WorkspaceState } from "../emulator/state/workspace-state";

export interface ServingTruth {
  /** The endpoint's id (the descriptor id, the Permissions API's). */
  id: string;
  name: string;
  /** The platform's endpoint: looked for in `skipped`, not in the descriptors. */
  platform: boolean;
  /** Per served entity or model: `name model@version size scale-to-zero`, sorted. */
  served: string[];
  routes: string[];
  tags: string[];
}

const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

function servedLines(config: Obj | undefined): string[] {
  const c = config ?? {};
  return [...list(c.served_entities), ...list(c.served_models)]
    .map((e) => {
      const ext = e.external_model as Obj | undefined;
      const model = ext
        ? `external:${String(ext.provider)}/${String(ext.name)}`
        : String(e.entity_name ?? e.model_name);
      const version = String(e.entity_version ?? e.model_version ?? "");
      const size = e.workload_size ?? e.max_provisioned_concurrency ?? e.max_provisioned_throughput ?? "";
      return `${String(e.name)} ${model}@${version} ${String(size)} ${String(e.scale_to_zero_enabled ?? "")}`;
    })
    .sort();
}

const routeLines = (config: Obj | undefined) =>
  list((config?.traffic_config as Obj | undefined)?.routes)
    .map((r) => `${String(r.served_entity_name ?? r.served_model_name)}=${String(r.traffic_percentage)}`)
    .sort();
const tagLines = (tags: unknown) =>
  list(tags)
    .map((t) => `${String(t.key)}=${String(t.value ?? "")}`)
    .sort();

export function captureServing(state: WorkspaceState): ServingTruth[] {
  return [...state.servingEndpoints.values()].map((e) => {
    const config = (e.config ?? e.pending_config) as Obj | undefined;
    return {
      id: String(e.id),
      name: String(e.name),
      platform:
        String(e.name).startsWith("databricks-") &&
        list(config?.served_entities).some((x) => x.foundation_model !== undefined),
      served: servedLines(config),
      routes: routeLines(config),
      tags: tagLines(e.tags),
    };
  });
}

/** What the exported descriptor lost or changed against the truth (empty: it is right). */
export function servingDifferences(t: ServingTruth, d: Obj): string[] {
  const out: string[] = [];
  if (d.name !== t.name)
    out.push(`name ${JSON.stringify(d.name)}, the primary's is ${JSON.stringify(t.name)}`);
  const settings = (d.settings ?? {}) as Obj;
  const config = settings.config as Obj | undefined;
  const pairs: [string, string[], string[]][] = [
    ["served entities", servedLines(config), t.served],
    ["traffic routes", routeLines(config), t.routes],
    ["tags", tagLines(settings.tags), t.tags],
  ];
  for (const [what, have, want] of pairs)
    if (JSON.stringify(have) !== JSON.stringify(want))
      out.push(`${what} ${have.join(", ")}; the primary's are ${want.join(", ")}`);
  return out;
}
