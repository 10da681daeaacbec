import { Obj, omit, str } from "../../exporters/normalize";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";
import { MlflowModelDescriptor } from "./schema";

/** Fields the service sets (or derives from the versions): never sent back. */
const READ_ONLY = [
  "id",
  "creation_timestamp",
  "last_updated_timestamp",
  "user_id",
  "latest_versions",
  "permission_level",
];
/** registered-models/search: at most 1000 per page (the REST reference). */
export const MODELS_PAGE = 1000;
/** model-versions/search: at most 10000 per page; counting stops after this many pages (a lower bound). */
export const VERSIONS_PAGE = 10_000;
export const VERSION_PAGES_MAX = 5;

type Item = Listed & { name: string };

/** databricks/registered-models/get answer → descriptor (versions counted apart). */
export function normalizeModel(m: Obj, data: MlflowModelDescriptor["data"]): MlflowModelDescriptor {
  const id = str(m.id);
  const name = str(m.name);
  if (!id || !name) throw new SkipError("registered model without id or name");
  return { id, name, settings: omit(m, READ_ONLY), data };
}

/** `name='x'` with the quote doubled: the filter is a single condition over a quoted string. */
const byName = (name: string) => `name='${name.replace(/'/g, "''")}'`;

async function countVersions(ctx: ExportContext, name: string): Promise<MlflowModelDescriptor["data"]> {
  const stages: Record<string, number> = {};
  let versions = 0;
  let token: string | undefined;
  for (let page = 0; page < VERSION_PAGES_MAX; page++) {
    const body = await ctx.client.request<{ model_versions?: Obj[]; next_page_token?: string }>(
      "GET",
      "/api/2.0/mlflow/model-versions/search",
      {
        query: { filter: byName(name), max_results: VERSIONS_PAGE, ...(token ? { page_token: token } : {}) },
        signal: ctx.signal,
      },
    );
    for (const v of body.model_versions ?? []) {
      if (v.name !== name) continue;
      versions++;
      const stage = str(v.current_stage) ?? "None";
      stages[stage] = (stages[stage] ?? 0) + 1;
    }
    token =
      typeof body.next_page_token === "string" && body.next_page_token ? body.next_page_token : undefined;
    if (!token) return { versions, complete: true, stages };
  }
  return { versions, complete: false, stages };
}

/**
 * registered-models/search (`max_results` + `page_token`, by name), then per model the databricks/ get
 * (its workspace id, the permissions API's) and its versions counted through model-versions/search.
 * The list id is the name until the read gives the workspace id.
 */
export const mlflowModelExporter: KindExporter<"mlflow-model", Item> = {
  kind: "mlflow-model",
  async list(ctx) {
    const out: Item[] = [];
    let token: string | undefined;
    do {
      const body = await ctx.client.request<{ registered_models?: Obj[]; next_page_token?: string }>(
        "GET",
        "/api/2.0/mlflow/registered-models/search",
        { query: { max_results: MODELS_PAGE, ...(token ? { page_token: token } : {}) }, signal: ctx.signal },
      );
      for (const m of body.registered_models ?? []) {
        const name = str(m.name);
        if (name) out.push({ id: name, name });
      }
      token =
        typeof body.next_page_token === "string" && body.next_page_token ? body.next_page_token : undefined;
    } while (token);
    return out;
  },
  async read(ctx, item) {
    const got = await ctx.client.request<{ registered_model_databricks?: Obj }>(
      "GET",
      "/api/2.0/mlflow/databricks/registered-models/get",
      { query: { name: item.name }, signal: ctx.signal },
    );
    const m = got.registered_model_databricks;
    if (!m) throw new SkipError("databricks/registered-models/get answered no model");
    return normalizeModel(m, await countVersions(ctx, item.name));
  },
};
