import { listWithPageToken } from "../../client";
import { Obj, obj, omit, str } from "../../exporters/normalize";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";
import { PipelineDescriptor } from "./schema";

/** Fields of `spec` the descriptor keeps elsewhere (`id`, `name`) or the service sets. */
const SPEC_READ_ONLY = ["id", "name"];

/** pipelines/get → descriptor: the spec without its id and name, run_as_user_name as runAs. */
export function normalizePipeline(p: Obj): PipelineDescriptor {
  const id = str(p.pipeline_id);
  const spec = obj(p.spec);
  const name = str(spec.name) ?? str(p.name);
  if (!id || !name) throw new SkipError("pipeline without pipeline_id or name");
  const runAs = str(p.run_as_user_name);
  return { id, name, settings: omit(spec, SPEC_READ_ONLY), ...(runAs ? { runAs } : {}) };
}

type Item = Listed & { entry: Obj };

/** The exported Unity Catalog schema a pipeline publishes to, by full name (PipelineSpec names it only). */
async function targetSchemaId(ctx: ExportContext, d: PipelineDescriptor): Promise<string | undefined> {
  const catalog = str(d.settings.catalog);
  const schema = str(d.settings.schema) ?? str(d.settings.target);
  if (!catalog || !schema || !ctx.included("uc-schema")) return undefined;
  const full = `${catalog}.${schema}`.toLowerCase();
  return (await ctx.results("uc-schema")).find((s) => s.fullName.toLowerCase() === full)?.id;
}

/**
 * pipelines/list pages with `max_results` (at most 100) and `page_token` (`next_page_token`); its entries
 * (PipelineStateInfo) hold no settings, so each pipeline is read with pipelines/get.
 */
export const pipelineExporter: KindExporter<"pipeline", Item> = {
  kind: "pipeline",
  async list(ctx) {
    const all = await listWithPageToken(ctx.client, "/api/2.0/pipelines", {
      itemsKey: "statuses",
      query: { max_results: 100 },
    });
    // A pipeline created while listing can show on two pages: each id once.
    const byId = new Map<string, Item>();
    for (const e of all) {
      const id = str(e.pipeline_id);
      if (id && !byId.has(id)) byId.set(id, { id, entry: e });
    }
    return [...byId.values()];
  },
  // The list entry shows no modification time: every pipeline is read (no reuse on a stale signature).
  signature: () => undefined,
  async read(ctx, item) {
    const body = await ctx.client.get<Obj>(`/api/2.0/pipelines/${encodeURIComponent(item.id)}`);
    const d = normalizePipeline(body);
    const schemaId = await targetSchemaId(ctx, d);
    return schemaId ? { ...d, schemaId } : d;
  },
};
