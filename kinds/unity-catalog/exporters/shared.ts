import { AbortedError, ApiError, listWithPageToken } from "../../../client";
import { KindName } from "../../common";
import { UcGrant, WorkspaceBinding } from "../index";
import { slotOf } from "../../../exporters/acl-refresh";
import { mapLimit } from "../../../exporters/concurrency";
import { arr, obj, Obj, str } from "../../../exporters/normalize";
import { jsonSignature } from "../../../exporters/reuse";
import { ExportContext } from "../../../exporters/types";

/**
 * What the Unity Catalog exporters share: the metastore gate, the paged listings (`max_results` and
 * `page_token` / `next_page_token`, through the export's client: its pacing and retries, family
 * `unity-catalog-read`), grants, workspace bindings and the incremental signature.
 */
export const UC = "/api/2.1/unity-catalog";

/** Page lengths asked for (the service caps them at its own; tables list at most 50 per page). */
export const PAGE = 1000;
export const TABLE_PAGE = 50;

/**
 * The workspace's metastore, once per run. A workspace without Unity Catalog, or with no metastore
 * assigned (`metastore_summary` answers 404 METASTORE_DOES_NOT_EXIST), makes every UC kind unavailable
 * with that reason (never "0 objects"): the error is thrown from each kind's listing.
 */
export function ucMetastore(ctx: ExportContext): Promise<Obj> {
  return ctx.memo("uc:metastore_summary", () => ctx.client.get<Obj>(`${UC}/metastore_summary`));
}

/** One paged UC collection, all pages. */
export function ucList(
  ctx: ExportContext,
  path: string,
  itemsKey: string,
  query: Record<string, string | number> = {},
  pageSize = PAGE,
): Promise<Obj[]> {
  return listWithPageToken(ctx.client, `${UC}/${path}`, {
    itemsKey,
    query: { max_results: pageSize, ...query },
  });
}

/** Memoized, so the kinds that walk the same parents list them once. */
export function ucListOnce(
  ctx: ExportContext,
  key: string,
  path: string,
  itemsKey: string,
  query: Record<string, string | number> = {},
  pageSize = PAGE,
): Promise<Obj[]> {
  return ctx.memo(`uc:${key}`, () => ucList(ctx, path, itemsKey, query, pageSize));
}

/** Catalogs that hold no securables of the workspace's own to walk, and why. */
export function catalogSkipReason(c: Obj): string | undefined {
  const type = str(c.catalog_type) ?? "";
  const name = str(c.name) ?? "";
  if (type === "SYSTEM_CATALOG" || name === "system")
    return "system catalog: provided by Databricks in every metastore";
  if (type === "INTERNAL_CATALOG" || name === "hive_metastore" || name.startsWith("__databricks_internal"))
    return "internal catalog (the legacy Hive metastore or Databricks' own): not a Unity Catalog securable to replicate";
  return undefined;
}

/** Catalogs whose schemas and tables are someone else's (a share, a foreign database): not walked. */
export function walked(c: Obj): boolean {
  const type = str(c.catalog_type) ?? "";
  return !catalogSkipReason(c) && type !== "DELTASHARING_CATALOG" && type !== "FOREIGN_CATALOG";
}

export function ucCatalogs(ctx: ExportContext): Promise<Obj[]> {
  return ctx.memo("uc:catalogs", async () => {
    await ucMetastore(ctx);
    return ucList(ctx, "catalogs", "catalogs");
  });
}

const isAbort = (e: unknown) => e instanceof AbortedError;

/**
 * The children of each parent (schemas of a catalog, tables of a schema). A parent whose listing the API
 * refuses (no USE_CATALOG, deleted meanwhile) is recorded as a skip of `kind` `<parent>.*` with the reason
 * and the walk goes on; a transport failure or an interruption stops the kind.
 */
export async function childrenOf(
  ctx: ExportContext,
  kind: KindName,
  parents: string[],
  list: (parent: string) => Promise<Obj[]>,
): Promise<{ parent: string; items: Obj[] }[]> {
  // Parents are listed side by side (the client paces the family); results keep the parents' order.
  const lists = await mapLimit(parents, ctx.concurrency || 8, async (parent) => {
    try {
      return { parent, items: await list(parent) };
    } catch (e) {
      if (isAbort(e) || !(e instanceof ApiError)) throw e;
      ctx.skip(kind, `${parent}.*`, `could not list what ${parent} holds: ${e.describe()}`);
      return undefined;
    }
  });
  return lists.filter((l): l is { parent: string; items: Obj[] } => l !== undefined);
}

/** Schemas of the walked catalogs, `catalog.schema` → SchemaInfo, listed once per run. */
export function ucSchemas(ctx: ExportContext, kind: KindName): Promise<Obj[]> {
  return ctx.memo(`uc:schemas:${kind}`, async () => {
    const catalogs = (await ucCatalogs(ctx))
      .filter(walked)
      .map((c) => str(c.name)!)
      .filter(Boolean);
    const lists = await childrenOf(ctx, kind, catalogs, (catalog) =>
      ucListOnce(ctx, `schemas:${catalog}`, "schemas", "schemas", { catalog_name: catalog }),
    );
    return lists.flatMap((l) => l.items);
  });
}

/** `information_schema` exists in every catalog, made by the service. */
export const schemaSkipReason = (s: Obj): string | undefined =>
  str(s.name) === "information_schema" ? "created by Databricks in every catalog" : undefined;

/** `catalog.schema` → schema_id, for the tables, volumes and functions that reference their schema. */
export async function schemaIds(ctx: ExportContext, kind: KindName): Promise<Map<string, string>> {
  const schemas = await ucSchemas(ctx, kind);
  return new Map(
    schemas.flatMap((s) => {
      const full = str(s.full_name) ?? `${str(s.catalog_name)}.${str(s.name)}`;
      const id = str(s.schema_id);
      return id ? [[full, id] as [string, string]] : [];
    }),
  );
}

/** The schemas (`catalog.schema`) whose tables, volumes and functions are walked. */
export async function walkedSchemas(ctx: ExportContext, kind: KindName): Promise<string[]> {
  return (await ucSchemas(ctx, kind))
    .filter((s) => !schemaSkipReason(s))
    .map((s) => str(s.full_name) ?? `${str(s.catalog_name)}.${str(s.name)}`);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The grants made directly on a securable (`permissions/{type}/{full_name}`, paged with max_results=0:
 * the server's page length), principals sorted, privileges sorted and deduplicated. An assignment without
 * a principal (the principal was deleted; only principal_id is left) is reported, not kept.
 */
export async function ucGrants(
  ctx: ExportContext,
  kind: KindName,
  id: string,
  securableType: string,
  fullName: string,
): Promise<UcGrant[]> {
  const entries = await listWithPageToken(
    ctx.client,
    `${UC}/permissions/${securableType}/${encodeURIComponent(fullName)}`,
    { itemsKey: "privilege_assignments", query: { max_results: 0 } },
  );
  return grantsFrom(entries, (principalId) =>
    ctx.skip(
      kind,
      `${id}#grant:${principalId}`,
      "grant to a principal that no longer exists (only principal_id left)",
    ),
  );
}

/** PrivilegeAssignment entries → sorted grants; pure. */
export function grantsFrom(entries: Obj[], orphan: (principalId: string) => void = () => {}): UcGrant[] {
  const byPrincipal = new Map<string, Set<string>>();
  for (const e of entries) {
    const principal = str(e.principal);
    const privileges = arr(e.privileges).length
      ? (e.privileges as unknown[]).filter((p): p is string => typeof p === "string" && p !== "")
      : [];
    if (!principal) {
      if (privileges.length) orphan(String(e.principal_id ?? "?"));
      continue;
    }
    const set = byPrincipal.get(principal) ?? new Set<string>();
    privileges.forEach((p) => set.add(p));
    byPrincipal.set(principal, set);
  }
  return [...byPrincipal]
    .filter(([, set]) => set.size > 0)
    .map(([principal, set]) => ({ principal, privileges: [...set].sort(cmp) }))
    .sort((a, b) => cmp(a.principal, b.principal));
}

/**
 * The workspaces an ISOLATED securable is bound to (`bindings/{type}/{name}`, paged); an OPEN one is
 * reachable from every workspace of the metastore and has none.
 */
export async function ucBindings(
  ctx: ExportContext,
  securableType: string,
  name: string,
  isolation: string | undefined,
): Promise<WorkspaceBinding[]> {
  if (!isolation || !isolation.includes("ISOLATED")) return [];
  const entries = await listWithPageToken(
    ctx.client,
    `${UC}/bindings/${securableType}/${encodeURIComponent(name)}`,
    {
      itemsKey: "bindings",
      query: { max_results: PAGE },
    },
  );
  return bindingsFrom(entries);
}

export function bindingsFrom(entries: Obj[]): WorkspaceBinding[] {
  return entries
    .flatMap((b) => {
      const ws = b.workspace_id;
      if (typeof ws !== "number" && typeof ws !== "string") return [];
      const t = str(b.binding_type) ?? "BINDING_TYPE_READ_WRITE";
      return [{ workspaceId: String(ws), bindingType: t as WorkspaceBinding["bindingType"] }];
    })
    .sort((a, b) => cmp(a.workspaceId, b.workspaceId) || cmp(a.bindingType, b.bindingType));
}

/** Grants (and bindings) are re-read at least this often, in days, for objects whose listing is unchanged. */
export const UC_GRANT_REFRESH_DAYS = 7;

/** The signature of a UC object: its definition as listed (the descriptor without grants and bindings). */
export function ucSignature(_ctx: ExportContext, _id: string, definition: unknown): string {
  return jsonSignature(definition);
}

/**
 * A grant changes nothing a listing shows, so an unchanged object is still read (its grants, bindings)
 * on its own day of the week (hash of its id, counted from the run's exportedAt): about 1/7 of them per
 * daily run, each at least weekly while the export runs daily; `--full` reads everything.
 */
export function ucRefreshDue(ctx: ExportContext, id: string): boolean {
  const at = Date.parse(ctx.exportedAt ?? "") || Date.now();
  const day = Math.floor(at / 86_400_000);
  return slotOf(id, UC_GRANT_REFRESH_DAYS) === day % UC_GRANT_REFRESH_DAYS;
}

/** Properties that change with every write to a Delta table: not definitions, left out. */
const VOLATILE_PROPERTIES = new Set(["delta.lastCommitTimestamp", "delta.lastUpdateVersion"]);

export function stringProps(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v)))
    if (typeof x === "string" && !VOLATILE_PROPERTIES.has(k)) out[k] = x;
    else if ((typeof x === "number" || typeof x === "boolean") && !VOLATILE_PROPERTIES.has(k))
      out[k] = String(x);
  return out;
}

/** Optional fields left out when the API sends none (so absent and undefined read the same). */
export function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
