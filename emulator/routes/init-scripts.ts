import { invalid, notFound } from "../errors";
import { ok } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { serveObject } from "./util";

/** Global init scripts hold at most 64 KB of script. */
export const MAX_SCRIPT_BYTES = 64 * 1024;

function getScript(state: WorkspaceState, id: string): Obj {
  const s = state.globalInitScripts.get(id);
  if (!s) throw notFound(`The global init script with ID ${id} does not exist.`);
  return s;
}

function checkScript(b64: unknown): string {
  if (typeof b64 !== "string") throw invalid("Missing required field: script");
  if (Buffer.from(b64, "base64").length > MAX_SCRIPT_BYTES)
    throw invalid(`The script exceeds the maximum size of ${MAX_SCRIPT_BYTES} bytes.`);
  return b64;
}

/** Positions are a dense 0-based order; inserting at a position shifts the scripts after it. */
function reposition(state: WorkspaceState, script: Obj, wanted: number | undefined): void {
  const others = [...state.globalInitScripts.values()]
    .filter((s) => s !== script)
    .sort((a, b) => a.position - b.position);
  const at = wanted === undefined || wanted > others.length ? others.length : Math.max(0, wanted);
  others.splice(at, 0, script);
  others.forEach((s, i) => {
    if (s.position !== i) {
      state.touch(s);
      s.position = i;
    }
  });
}

export function createGlobalInitScript(
  state: WorkspaceState,
  body: Obj,
  opts: { id?: string; time?: number } = {},
) {
  if (!body.name) throw invalid("Missing required field: name");
  const id = opts.id ?? state.hexId(16, true);
  const t = opts.time ?? Date.now();
  const s: Obj = {
    script_id: id,
    name: body.name,
    script: checkScript(body.script),
    enabled: body.enabled ?? false,
    position: 0,
    created_at: t,
    created_by: state.currentUser,
    updated_at: t,
    updated_by: state.currentUser,
  };
  state.globalInitScripts.set(id, s);
  reposition(state, s, body.position);
  state.dropVerbatimList("global-init-scripts");
  return s;
}

export function registerInitScripts(r: Router): void {
  const base = "/api/2.0/global-init-scripts";
  r.get(base, (ctx) => {
    const v = ctx.state.verbatimLists.get("global-init-scripts");
    if (v) return { status: 200, raw: v.raw };
    // The list never carries the script body.
    const scripts = [...ctx.state.globalInitScripts.values()]
      .sort((a, b) => a.position - b.position)
      .map(({ script: _s, ...rest }) => rest);
    return ok(scripts.length ? { scripts } : {});
  });
  r.get(`${base}/{id}`, (ctx) => serveObject(ctx.state, getScript(ctx.state, ctx.params.id)));
  r.post(base, (ctx) => ok({ script_id: createGlobalInitScript(ctx.state, ctx.body).script_id }));
  r.patch(`${base}/{id}`, (ctx) => {
    const { state } = ctx;
    const s = getScript(state, ctx.params.id);
    if (!ctx.body.name) throw invalid("Missing required field: name");
    state.touch(s);
    s.name = ctx.body.name;
    s.script = checkScript(ctx.body.script);
    if (ctx.body.enabled !== undefined) s.enabled = ctx.body.enabled;
    s.updated_at = Date.now();
    s.updated_by = state.currentUser;
    if (ctx.body.position !== undefined) reposition(state, s, Number(ctx.body.position));
    state.dropVerbatimList("global-init-scripts");
    return ok({});
  });
  r.delete(`${base}/{id}`, (ctx) => {
    const { state } = ctx;
    const s = getScript(state, ctx.params.id);
    state.globalInitScripts.delete(ctx.params.id);
    reposition(state, s, undefined);
    state.globalInitScripts.delete(ctx.params.id);
    state.dropVerbatimList("global-init-scripts");
    return ok({});
  });
}
