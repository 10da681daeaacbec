import { Obj, omit, str } from "../../exporters/normalize";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";
import { MlflowExperimentDescriptor } from "./schema";

/** Fields the service sets: never sent back. */
const READ_ONLY = ["experiment_id", "creation_time", "last_update_time"];
/** experiments/search takes up to 3000 per page (the REST reference); 1000 keeps answers moderate. */
export const EXPERIMENTS_PAGE = 1000;
/** runs/search: 1000 per page is its default; counting stops after this many pages (a lower bound). */
export const RUNS_PAGE = 1000;
export const RUN_PAGES_MAX = 10;

type Item = Listed & { entry: Obj };

/** The experiment as the service keeps its name: without the `/Workspace` prefix the UI shows. */
const canonicalName = (n: string) => n.replace(/^\/Workspace(?=\/)/, "");

/** An Experiment (search entry, experiments/get answer) → descriptor (runs counted apart). */
export function normalizeExperiment(
  e: Obj,
  data: MlflowExperimentDescriptor["data"],
): MlflowExperimentDescriptor {
  const id = str(e.experiment_id);
  const raw = str(e.name);
  if (!id || !raw) throw new SkipError("experiment without experiment_id or name");
  if (e.lifecycle_stage !== "active") throw new SkipError(`experiment is ${String(e.lifecycle_stage)}`);
  const name = canonicalName(raw);
  return { id, name, settings: { ...omit(e, READ_ONLY), name }, data };
}

async function countRuns(ctx: ExportContext, id: string): Promise<MlflowExperimentDescriptor["data"]> {
  let runs = 0;
  let token: string | undefined;
  for (let page = 0; page < RUN_PAGES_MAX; page++) {
    const body = await ctx.client.request<{ runs?: unknown[]; next_page_token?: string }>(
      "POST",
      "/api/2.0/mlflow/runs/search",
      {
        body: { experiment_ids: [id], max_results: RUNS_PAGE, ...(token ? { page_token: token } : {}) },
        signal: ctx.signal,
      },
    );
    runs += Array.isArray(body.runs) ? body.runs.length : 0;
    token =
      typeof body.next_page_token === "string" && body.next_page_token ? body.next_page_token : undefined;
    if (!token) return { runs, complete: true };
  }
  return { runs, complete: false };
}

/**
 * experiments/search (POST, `max_results` + `page_token`; active experiments only, its default view), then
 * per experiment its runs counted through runs/search.
 */
export const mlflowExperimentExporter: KindExporter<"mlflow-experiment", Item> = {
  kind: "mlflow-experiment",
  async list(ctx) {
    const out: Item[] = [];
    let token: string | undefined;
    do {
      const body = await ctx.client.request<{ experiments?: Obj[]; next_page_token?: string }>(
        "POST",
        "/api/2.0/mlflow/experiments/search",
        {
          body: { max_results: EXPERIMENTS_PAGE, ...(token ? { page_token: token } : {}) },
          signal: ctx.signal,
        },
      );
      for (const e of body.experiments ?? []) {
        const id = str(e.experiment_id);
        if (id && e.lifecycle_stage !== "deleted") out.push({ id, entry: e });
      }
      token =
        typeof body.next_page_token === "string" && body.next_page_token ? body.next_page_token : undefined;
    } while (token);
    return out;
  },
  // The search entry is the whole Experiment (the reference's answer shape): no get per experiment.
  async read(ctx, item) {
    return normalizeExperiment(item.entry, await countRuns(ctx, item.id));
  },
};
