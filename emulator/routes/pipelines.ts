import { notFound } from "../errors";
import { ok } from "../http";
import { Router } from "../router";
import { serveObject } from "./util";

/** Read-only DLT pipelines: enough to carry their permissions and the clusters they own. */
export function registerPipelines(r: Router): void {
  r.get("/api/2.0/pipelines", (ctx) => {
    const statuses = [...ctx.state.pipelines.values()].map((p) => ({
      pipeline_id: p.pipeline_id,
      name: p.name,
      state: p.state,
      creator_user_name: p.creator_user_name,
      latest_updates: p.latest_updates,
    }));
    return ok(statuses.length ? { statuses } : {});
  });
  r.get("/api/2.0/pipelines/{id}", (ctx) => {
    const p = ctx.state.pipelines.get(ctx.params.id);
    if (!p) throw notFound(`Pipeline ${ctx.params.id} does not exist.`);
    return serveObject(ctx.state, p);
  });
  r.get("/api/2.0/instance-profiles/list", (ctx) => {
    const v = ctx.state.verbatimLists.get("instance-profiles");
    if (v) return { status: 200, raw: v.raw };
    const list = ctx.state.instanceProfiles;
    return ok(list.length ? { instance_profiles: list } : {});
  });
}
