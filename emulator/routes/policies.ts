import { invalid, notFound } from "../errors";
import { ok, requireParam } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { compact, serveObject } from "./util";

const SETTINGS = [
  "name",
  "definition",
  "description",
  "max_clusters_per_user",
  "policy_family_id",
  "policy_family_definition_overrides",
  "libraries",
];

function getPolicy(state: WorkspaceState, id: string): Obj {
  const p = state.policies.get(id);
  if (!p) throw notFound(`Can't find a cluster policy with id: ${id}.`);
  return p;
}

function validate(state: WorkspaceState, body: Obj, exceptId?: string): void {
  if (!body.name) throw invalid("Missing required field: name");
  for (const p of state.policies.values())
    if (p.name === body.name && p.policy_id !== exceptId)
      throw invalid(`Cluster policy with name '${body.name}' already exists.`);
  for (const k of ["definition", "policy_family_definition_overrides"])
    if (body[k] !== undefined) {
      if (typeof body[k] !== "string") throw invalid(`${k} must be a JSON string`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body[k]);
      } catch {
        throw invalid(`Policy ${k} must be a valid JSON document.`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw invalid(`Policy ${k} must be a JSON object.`);
    }
  if (!body.definition && !body.policy_family_id) throw invalid("Missing required field: definition");
}

export function createPolicy(
  state: WorkspaceState,
  body: Obj,
  opts: { id?: string; created?: number } = {},
): Obj {
  validate(state, body);
  const id = opts.id ?? state.hexId(16, true);
  const p = compact({
    policy_id: id,
    name: body.name,
    definition: body.definition ?? "{}",
    description: body.description,
    max_clusters_per_user: body.max_clusters_per_user,
    policy_family_id: body.policy_family_id,
    policy_family_definition_overrides: body.policy_family_definition_overrides,
    libraries: body.libraries,
    created_at_timestamp: opts.created ?? Date.now(),
    creator_user_name: state.currentUser,
    is_default: false,
  });
  state.policies.set(id, p);
  state.dropVerbatimList("policies");
  return p;
}

export function registerPolicies(r: Router): void {
  const base = "/api/2.0/policies/clusters";
  r.get(`${base}/list`, (ctx) => {
    const v = ctx.state.verbatimLists.get("policies");
    if (v) return { status: 200, raw: v.raw };
    const policies = [...ctx.state.policies.values()];
    return ok(policies.length ? { policies, total_count: policies.length } : { total_count: 0 });
  });
  r.get(`${base}/get`, (ctx) => serveObject(ctx.state, getPolicy(ctx.state, requireParam(ctx, "policy_id"))));
  r.post(`${base}/create`, (ctx) => ok({ policy_id: createPolicy(ctx.state, ctx.body).policy_id }));
  r.post(`${base}/edit`, (ctx) => {
    const { state } = ctx;
    const p = getPolicy(state, requireParam(ctx, "policy_id"));
    validate(state, ctx.body, p.policy_id);
    state.touch(p);
    for (const k of SETTINGS) {
      if (ctx.body[k] !== undefined) p[k] = ctx.body[k];
      else if (k !== "name" && k !== "definition") delete p[k];
    }
    state.dropVerbatimList("policies");
    return ok({});
  });
  r.post(`${base}/delete`, (ctx) => {
    const { state } = ctx;
    const id = requireParam(ctx, "policy_id");
    getPolicy(state, id);
    state.policies.delete(id);
    state.acls.delete(`cluster-policies/${id}`);
    state.dropVerbatimList("policies");
    return ok({});
  });
}
