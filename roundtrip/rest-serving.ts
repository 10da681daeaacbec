/**
 * Model serving endpoints as REST calls, the way the provider's `ModelServing` makes them
 * (terraform-provider-databricks serving/resource_model_serving.go): Create POSTs the whole create request
 * and waits until the endpoint is not updating; its id is the NAME, and `servingEndpointId` (what the
 * Permissions API takes: `serving-endpoints/{id}`) is read back. Update sends only what changed: the config
 * as `PUT .../{name}/config` (then waits), tags as the add/delete difference from the current ones
 * (`PATCH .../{name}/tags`), AI Gateway as `PUT .../{name}/ai-gateway`; `route_optimized` and `name`
 * force a replacement (not modelled: reported as not applied). Delete is `DELETE .../{name}`.
 */
import type { DatabricksClient } from "../client";
import { apiBody, Inputs } from "./api-body";

/**
 * The shapes of roundtrip/rest-table.ts (RestMapping, Applied) and rest-deletes.ts (RestDelete), spelled
 * here so this file imports neither of the tables that import it (no import cycle, not even type-only).
 */
interface Applied {
  id: string;
  outputs?: Inputs;
  notApplied?: string;
}
interface RestMapping {
  call: string;
  create(c: DatabricksClient, inputs: Inputs): Promise<Applied>;
  update?(c: DatabricksClient, id: string, inputs: Inputs, old: Inputs): Promise<Applied>;
}
type RestDelete = (c: DatabricksClient, id: string, inputs: Inputs) => Promise<unknown>;

export const MODEL_SERVING = "databricks:index/modelServing:ModelServing";
const PATH = "/api/2.0/serving-endpoints";
/** Between reads while an update is in progress (the SDK's waiter polls the same way, with its own pace). */
const POLL_MS = 200;

type Obj = Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the endpoint until its config update is done (Create/UpdateConfig "AndWait"); fails on UPDATE_FAILED. */
async function waitNotUpdating(c: DatabricksClient, name: string): Promise<Obj> {
  for (let i = 0; i < 300; i++) {
    await sleep(POLL_MS);
    const e = await c.get<Obj>(`${PATH}/${encodeURIComponent(name)}`);
    const update = (e.state as Obj | undefined)?.config_update;
    if (update === "UPDATE_FAILED") throw new Error(`serving endpoint ${name}: config update failed`);
    if (update !== "IN_PROGRESS") return e;
  }
  throw new Error(`serving endpoint ${name} kept updating`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const SERVING_TABLE: Readonly<Record<string, RestMapping>> = {
  [MODEL_SERVING]: {
    call: `POST ${PATH}`,
    async create(c, inputs): Promise<Applied> {
      const body = apiBody(MODEL_SERVING, inputs);
      const name = String(body.name);
      await c.post(PATH, body);
      const e = await waitNotUpdating(c, name);
      return { id: name, outputs: { servingEndpointId: e.id } };
    },
    async update(c, id, inputs, old): Promise<Applied> {
      const body = apiBody(MODEL_SERVING, inputs);
      const before = apiBody(MODEL_SERVING, old);
      const notApplied: string[] = [];
      for (const k of ["name", "route_optimized"])
        if (!same(body[k], before[k])) notApplied.push(`${k} changed: the provider replaces the endpoint`);
      if (!same(body.config, before.config) && body.config) {
        await c.put(`${PATH}/${id}/config`, body.config);
        await waitNotUpdating(c, id);
      }
      if (!same(body.tags, before.tags)) {
        const current = ((await c.get<Obj>(`${PATH}/${id}`)).tags as Obj[] | undefined) ?? [];
        const wanted = (body.tags as Obj[] | undefined) ?? [];
        const add = wanted.filter((t) => !current.some((o) => o.key === t.key && o.value === t.value));
        const del = current.filter((o) => !wanted.some((t) => t.key === o.key)).map((o) => o.key);
        await c.patch(`${PATH}/${id}/tags`, { add_tags: add, delete_tags: del });
      }
      if (!same(body.ai_gateway, before.ai_gateway))
        await c.put(`${PATH}/${id}/ai-gateway`, (body.ai_gateway as Inputs | undefined) ?? {});
      const e = await c.get<Obj>(`${PATH}/${id}`);
      return {
        id,
        outputs: { servingEndpointId: e.id },
        ...(notApplied.length ? { notApplied: notApplied.join("; ") } : {}),
      };
    },
  },
};

export const SERVING_DELETES: Readonly<Record<string, RestDelete>> = {
  [MODEL_SERVING]: (c, id) => c.delete(`${PATH}/${encodeURIComponent(id)}`),
};

/** The Permissions argument naming an endpoint: its id (not its name), under serving-endpoints/. */
export const SERVING_PERMISSION_TARGETS: Readonly<
  Record<string, (c: DatabricksClient, v: string) => Promise<string>>
> = {
  servingEndpointId: async (_c, v) => `serving-endpoints/${v}`,
};
