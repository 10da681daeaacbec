import { invalid } from "../errors";
import { boolParam, ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";
import {
  byName,
  cur,
  ownerOf,
  securable,
  stamp,
  touched,
  UC,
  ucExists,
  ucName,
  ucNotFound,
  ucPage,
  uuid,
} from "./uc-common";

/**
 * Delta Sharing from the workspace's metastore: shares (objects added and removed through `updates`),
 * recipients (Databricks-to-Databricks, by the receiving metastore's global id) and the recipients'
 * privileges on shares (`shares/{name}/permissions`, `changes` as for grants). What deep-cloning managed
 * tables to a secondary through Delta Sharing needs.
 */
const OBJECT_TYPES: Record<string, "table" | "schema" | "volume"> = {
  TABLE: "table",
  VIEW: "table",
  MATERIALIZED_VIEW: "table",
  STREAMING_TABLE: "table",
  SCHEMA: "schema",
  VOLUME: "volume",
};

function share(ctx: RequestContext): Obj {
  const s = cur(ctx).shares.get(ctx.params.name.toLowerCase());
  if (!s) throw ucNotFound("SHARE_DOES_NOT_EXIST", `Share '${ctx.params.name}' does not exist.`);
  return s;
}

function recipient(m: Metastore, name: string): Obj {
  const r = m.recipients.get(name.toLowerCase());
  if (!r) throw ucNotFound("RECIPIENT_DOES_NOT_EXIST", `Recipient '${name}' does not exist.`);
  return r;
}

export function createShare(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const name = ucName(body.name, "name");
  if (m.shares.has(name)) throw ucExists("SHARE_ALREADY_EXISTS", `Share '${name}' already exists.`);
  const s: Obj = { name, ...stamp(state, body.owner) };
  if (body.comment !== undefined) s.comment = String(body.comment);
  s.objects = [];
  m.shares.set(name, s);
  return s;
}

export function createRecipient(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const name = ucName(body.name, "name");
  if (m.recipients.has(name))
    throw ucExists("RECIPIENT_ALREADY_EXISTS", `Recipient '${name}' already exists.`);
  const auth = String(body.authentication_type ?? "");
  if (auth !== "DATABRICKS")
    throw invalid(`authentication_type ${auth || "(none)"}: only DATABRICKS recipients are emulated.`);
  const gid = String(body.data_recipient_global_metastore_id ?? "");
  if (!/^azure:[a-z0-9]+:[0-9a-f-]{36}$/.test(gid))
    throw invalid(`data_recipient_global_metastore_id must be azure:<region>:<metastore id> (got '${gid}').`);
  const [, region, metastoreId] = gid.split(":");
  const r: Obj = {
    name,
    authentication_type: auth,
    data_recipient_global_metastore_id: gid,
    cloud: "azure",
    region,
    metastore_id: metastoreId,
    activated: true,
    id: uuid(state),
    ...stamp(state, body.owner),
  };
  if (body.comment !== undefined) r.comment = String(body.comment);
  m.recipients.set(name, r);
  return r;
}

/** Applies a share's `updates`: every one checked first (objects must exist), then all applied. */
function applyUpdates(ctx: RequestContext, m: Metastore, s: Obj, updates: Obj[]): void {
  const objects = s.objects as Obj[];
  for (const u of updates) {
    const o = u?.data_object as Obj | undefined;
    if (!["ADD", "REMOVE", "UPDATE"].includes(String(u?.action)) || typeof o?.name !== "string")
      throw invalid("Each update needs an action (ADD, REMOVE, UPDATE) and a data_object with a name.");
    const known = objects.some((x) => x.name === o.name.toLowerCase());
    if (u.action === "ADD") {
      const type = OBJECT_TYPES[String(o.data_object_type)];
      if (!type) throw invalid(`Invalid data_object_type: '${o.data_object_type}'.`);
      securable(m, type, o.name);
      if (known) throw invalid(`${o.name} is already in share ${s.name}.`);
    } else if (!known) throw invalid(`${o.name} is not in share ${s.name}.`);
  }
  for (const u of updates) {
    const o = u.data_object as Obj;
    const name = String(o.name).toLowerCase();
    const at = objects.findIndex((x) => x.name === name);
    if (u.action === "REMOVE") objects.splice(at, 1);
    else if (u.action === "UPDATE") Object.assign(objects[at], { ...o, name });
    else
      objects.push({
        ...o,
        name,
        added_at: ctx.state.now(),
        added_by: ctx.state.currentUser,
        status: "ACTIVE",
        history_data_sharing_status: o.history_data_sharing_status ?? "DISABLED",
      });
  }
}

export function registerUcSharing(r: Router): void {
  r.get(`${UC}/shares`, (ctx) => {
    const all = [...cur(ctx).shares.values()].sort(byName).map(({ objects: _o, ...rest }) => rest);
    return ok(ucPage(ctx, all, "shares"));
  });
  r.post(`${UC}/shares`, (ctx) => ok(createShare(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/shares/{name}`, (ctx) => {
    const s = share(ctx);
    if (boolParam(ctx, "include_shared_data")) return ok(s);
    const { objects: _o, ...rest } = s;
    return ok(rest);
  });
  r.patch(`${UC}/shares/{name}`, (ctx) => {
    const m = cur(ctx);
    const s = share(ctx);
    if (ctx.body.new_name !== undefined && ctx.body.new_name !== s.name)
      throw invalid("Renaming (new_name) is not supported by the emulator.");
    if (ctx.body.updates !== undefined) {
      if (!Array.isArray(ctx.body.updates)) throw invalid("updates must be a list.");
      applyUpdates(ctx, m, s, ctx.body.updates as Obj[]);
    }
    if (typeof ctx.body.owner === "string" && ctx.body.owner) s.owner = ownerOf(ctx.state, ctx.body.owner);
    if (ctx.body.comment !== undefined) s.comment = String(ctx.body.comment);
    return ok(touched(ctx.state, s));
  });
  r.delete(`${UC}/shares/{name}`, (ctx) => {
    const s = share(ctx);
    cur(ctx).shares.delete(s.name);
    cur(ctx).sharePermissions.delete(s.name);
    return ok({});
  });
  const assignments = (own: Map<string, string[]> | undefined) =>
    [...(own ?? new Map<string, string[]>()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([principal, privileges]) => ({ principal, privileges: [...privileges] }));
  r.get(`${UC}/shares/{name}/permissions`, (ctx) => {
    const s = share(ctx);
    return ok(
      ucPage(ctx, assignments(cur(ctx).sharePermissions.get(s.name)), "privilege_assignments", {
        allWhenUnset: true,
      }),
    );
  });
  r.patch(`${UC}/shares/{name}/permissions`, (ctx) => {
    const m = cur(ctx);
    const s = share(ctx);
    const changes = ctx.body.changes;
    if (!Array.isArray(changes)) throw invalid("Missing required field: changes");
    for (const c of changes as Obj[]) {
      recipient(m, String(c?.principal ?? ""));
      for (const p of [...((c.add ?? []) as string[]), ...((c.remove ?? []) as string[])])
        if (p !== "SELECT") throw invalid(`Privilege ${p} is not applicable to a share (SELECT only).`);
    }
    const own = m.sharePermissions.get(s.name) ?? new Map<string, string[]>();
    for (const c of changes as Obj[]) {
      const who = String(c.principal).toLowerCase();
      const next = new Set([...(own.get(who) ?? []), ...((c.add ?? []) as string[])]);
      for (const p of (c.remove ?? []) as string[]) next.delete(p);
      if (next.size) own.set(who, [...next]);
      else own.delete(who);
    }
    m.sharePermissions.set(s.name, own);
    const list = assignments(own);
    return ok(list.length ? { privilege_assignments: list } : {});
  });

  r.get(`${UC}/recipients`, (ctx) =>
    ok(ucPage(ctx, [...cur(ctx).recipients.values()].sort(byName), "recipients")),
  );
  r.post(`${UC}/recipients`, (ctx) => ok(createRecipient(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/recipients/{name}`, (ctx) => ok(recipient(cur(ctx), ctx.params.name)));
  r.delete(`${UC}/recipients/{name}`, (ctx) => {
    const m = cur(ctx);
    const rec = recipient(m, ctx.params.name);
    m.recipients.delete(rec.name);
    for (const own of m.sharePermissions.values()) own.delete(rec.name);
    return ok({});
  });
}
