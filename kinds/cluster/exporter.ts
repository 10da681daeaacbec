import { ClusterDescriptor, REPLICATED_CLUSTER_SOURCES } from "./schema";
import {
  arr,
  CLUSTER_READ_ONLY,
  CLUSTER_READ_ONLY_PREFIXES,
  obj,
  Obj,
  omit,
  str,
} from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { listWithPageToken } from "../../client";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";

function clustersList(ctx: ExportContext): Promise<Obj[]> {
  return ctx.memo("clusters:list", () =>
    listWithPageToken(ctx.client, "/api/2.1/clusters/list", {
      itemsKey: "clusters",
      query: { page_size: 100 },
    }),
  );
}

const replicated = (s: string | undefined) =>
  (REPLICATED_CLUSTER_SOURCES as readonly string[]).includes(s ?? "UI");

export function skipReasonForSource(source: string | undefined): string | undefined {
  return replicated(source)
    ? undefined
    : `cluster_source ${source}: created by another service, not exported as a cluster`;
}

/**
 * clusters/get → descriptor. The user-supplied `spec` wins when the API sends it; otherwise the settings
 * are the body without its read-only fields. A cluster listed without a source is taken as UI-made.
 */
export function normalizeCluster(c: Obj, libraries: Obj[]): ClusterDescriptor {
  const id = str(c.cluster_id);
  const name = str(c.cluster_name) ?? str(obj(c.spec).cluster_name);
  if (!id || !name) throw new SkipError("cluster without cluster_id or cluster_name");
  const source = str(c.cluster_source);
  const reason = skipReasonForSource(source);
  if (reason) throw new SkipError(reason);
  const hasSpec = c.spec && typeof c.spec === "object" && Object.keys(c.spec as object).length > 0;
  const spec = hasSpec
    ? omit(obj(c.spec), CLUSTER_READ_ONLY, CLUSTER_READ_ONLY_PREFIXES)
    : omit(c, CLUSTER_READ_ONLY, CLUSTER_READ_ONLY_PREFIXES);
  if (!spec.cluster_name) spec.cluster_name = name;
  return {
    id,
    name,
    source: (source ?? "UI") as ClusterDescriptor["source"],
    pinned: !!str(c.pinned_by_user_name) || c.pinned === true,
    spec,
    libraries,
  };
}

/** Library statuses → the libraries a cluster should have (ones being uninstalled are not). */
export function librariesFrom(statuses: unknown): Obj[] {
  return arr(statuses)
    .filter((s) => s.status !== "UNINSTALL_ON_RESTART" && s.library && typeof s.library === "object")
    .map((s) => s.library as Obj);
}

function allClusterLibraries(ctx: ExportContext): Promise<Map<string, Obj[]>> {
  return ctx.memo("libraries:all", async () => {
    const body = await ctx.client.get<Obj>("/api/2.0/libraries/all-cluster-statuses");
    return new Map(arr(body.statuses).map((s) => [String(s.cluster_id), librariesFrom(s.library_statuses)]));
  });
}

type Item = Listed & { source?: string; entry: Obj };

export const clusterExporter: KindExporter<"cluster", Item> = {
  kind: "cluster",
  async list(ctx) {
    const out: Item[] = [];
    for (const c of await clustersList(ctx)) {
      const id = str(c.cluster_id);
      if (!id) continue;
      const source = str(c.cluster_source);
      const reason = skipReasonForSource(source);
      if (reason) ctx.skip("cluster", id, reason);
      else out.push({ id, source, entry: c });
    }
    return out;
  },
  /**
   * The list entry without its run-time fields (state, times, sizes: the same ones the descriptor drops)
   * and the cluster's libraries: what the descriptor is made of.
   */
  async signature(ctx, item) {
    const libraries = (await allClusterLibraries(ctx)).get(item.id);
    if (!libraries) return undefined;
    const spec = omit(item.entry, CLUSTER_READ_ONLY, CLUSTER_READ_ONLY_PREFIXES);
    const e = item.entry;
    const pinned = !!str(e.pinned_by_user_name) || e.pinned === true;
    return jsonSignature({ spec, userSpec: e.spec, source: e.cluster_source, pinned, libraries });
  },
  async read(ctx, item) {
    const [body, all] = await Promise.all([
      ctx.client.get<Obj>("/api/2.1/clusters/get", { cluster_id: item.id }),
      allClusterLibraries(ctx),
    ]);
    let libraries = all.get(item.id);
    if (!libraries) {
      // all-cluster-statuses leaves out some clusters (terminated ones, on some versions): ask directly.
      const status = await ctx.client.get<Obj>("/api/2.0/libraries/cluster-status", { cluster_id: item.id });
      libraries = librariesFrom(status.library_statuses);
    }
    return normalizeCluster(body, libraries);
  },
};
