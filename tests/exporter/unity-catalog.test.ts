import * as fs from "node:fs";
import * as path from "node:path";
import * as http from "node:http";
import { DatabricksClient } from "../../client";
import { UC_KIND_NAMES } from "../../kinds/unity-catalog/names";
import { runExport } from "../../exporters/run";
import { ShrinkRefused } from "../../exporters/shrink";
import { json, scriptedServer, Seen } from "../client/server";
import { descriptors, EXPORTED_AT, manifest, readTree, tmpDir, TOKEN } from "./helpers";

/*
 * A scripted Unity Catalog 2.1 API, written from the REST reference: lists page with `max_results` and
 * `page_token` / `next_page_token`; a permissions page may hold no assignment and still give a token
 * ("clients must continue reading pages until next_page_token is absent"); a workspace with no metastore
 * answers `metastore_summary` with 404 METASTORE_DOES_NOT_EXIST. Everything else is absent
 * (ENDPOINT_NOT_FOUND), as for a family the workspace does not serve.
 */
const UC = "/api/2.1/unity-catalog";
const META = "19a85dee-54bc-43a2-87ab-023d0ec16013";
type Obj = Record<string, unknown>;

interface World {
  metastore: boolean;
  catalogs: Obj[];
  schemas: Record<string, Obj[]>;
  tables: Record<string, Obj[]>;
  grants: Record<string, Obj[][]>;
  /** Catalogs whose schemas the caller may not list. */
  refused: string[];
}

function world(): World {
  const catalogs = ["c1", "c2", "c3", "c4", "c5"].map((name) => ({
    name,
    catalog_type: "MANAGED_CATALOG",
    isolation_mode: "OPEN",
    metastore_id: META,
    owner: "data-engineers",
  }));
  catalogs.push({
    name: "system",
    catalog_type: "SYSTEM_CATALOG",
    isolation_mode: "OPEN",
    metastore_id: META,
    owner: "System user",
  });
  const schemas: World["schemas"] = {};
  for (const c of catalogs)
    schemas[c.name as string] = [
      {
        name: "information_schema",
        catalog_name: c.name,
        full_name: `${c.name}.information_schema`,
        schema_id: `is-${c.name}`,
      },
      {
        name: "s",
        catalog_name: c.name,
        full_name: `${c.name}.s`,
        schema_id: `schema-${c.name}`,
        owner: "data-engineers",
      },
    ];
  const tables: World["tables"] = {
    "c1.s": Array.from({ length: 5 }, (_, i) => ({
      name: `t${i}`,
      catalog_name: "c1",
      schema_name: "s",
      full_name: `c1.s.t${i}`,
      table_id: `table-${i}`,
      table_type: i === 0 ? "EXTERNAL" : "MANAGED",
      data_source_format: "DELTA",
      storage_location: i === 0 ? "abfss://landing@stdrprimary.dfs.core.windows.net/t0" : undefined,
      columns: [{ name: "id", type_text: "bigint", type_name: "LONG", position: 0 }],
      updated_at: 1710000000000,
    })),
  };
  const grants: World["grants"] = {
    // Three pages for one table: an empty first page with a token, as the reference allows.
    "table/c1.s.t0": [
      [],
      [{ principal: "users", privileges: ["SELECT"] }],
      [{ principal: "analysts", privileges: ["MODIFY", "SELECT"] }],
    ],
    "catalog/c1": [[{ principal: "users", privileges: ["USE_CATALOG"] }]],
  };
  return { metastore: true, catalogs, schemas, tables, grants, refused: [] };
}

/** `items` in pages of `size`: token = the next offset. */
function page(res: http.ServerResponse, req: Seen, key: string, items: Obj[], size: number) {
  const off = Number(req.url.searchParams.get("page_token") ?? 0);
  const body: Obj = { [key]: items.slice(off, off + size) };
  if (off + size < items.length) body.next_page_token = String(off + size);
  json(res, 200, body);
}

function handler(w: World) {
  return (req: Seen, res: http.ServerResponse) => {
    const p = decodeURIComponent(req.url.pathname);
    const q = req.url.searchParams;
    if (p === "/api/2.0/preview/scim/v2/Me")
      return json(res, 200, {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        id: "1",
        userName: "admin@example.com",
      });
    if (p.startsWith(UC) && !w.metastore)
      return json(res, 404, {
        error_code: "METASTORE_DOES_NOT_EXIST",
        message: "No metastore assigned for the current workspace.",
      });
    if (p === `${UC}/metastore_summary`)
      return json(res, 200, {
        metastore_id: META,
        name: "metastore-eastus2",
        region: "eastus2",
        cloud: "azure",
        owner: "admins",
      });
    if (p === `${UC}/current-metastore-assignment`)
      return json(res, 200, {
        workspace_id: 1234567890123456,
        metastore_id: META,
        default_catalog_name: "c1",
      });
    if (p === `${UC}/catalogs`) return page(res, req, "catalogs", w.catalogs, 2);
    if (p === `${UC}/schemas` && w.refused.includes(q.get("catalog_name") ?? ""))
      return json(res, 403, {
        error_code: "PERMISSION_DENIED",
        message: "User does not have USE CATALOG on Catalog.",
      });
    if (p === `${UC}/schemas`)
      return page(res, req, "schemas", w.schemas[q.get("catalog_name") ?? ""] ?? [], 1);
    if (p === `${UC}/tables`)
      return page(res, req, "tables", w.tables[`${q.get("catalog_name")}.${q.get("schema_name")}`] ?? [], 2);
    if (
      ["volumes", "functions", "storage-credentials", "external-locations", "connections"].some(
        (k) => p === `${UC}/${k}`,
      )
    ) {
      const key = p.slice(UC.length + 1).replace("-", "_");
      return json(res, 200, { [key]: [] });
    }
    const perm = /^\/api\/2\.1\/unity-catalog\/permissions\/([a-z_]+)\/(.+)$/.exec(p);
    if (perm) {
      const pages = w.grants[`${perm[1]}/${perm[2]}`] ?? [[]];
      const i = Number(q.get("page_token") ?? 0);
      const body: Obj = { privilege_assignments: pages[i] };
      if (i + 1 < pages.length) body.next_page_token = String(i + 1);
      return json(res, 200, body);
    }
    return json(res, 404, {
      error_code: "ENDPOINT_NOT_FOUND",
      message: `No API found for '${req.method} ${p}'`,
    });
  };
}

const client = (url: string) =>
  new DatabricksClient({
    host: url,
    auth: { token: TOKEN },
    limits: false,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
const only = { includeKinds: [...UC_KIND_NAMES] };

describe("Unity Catalog export", () => {
  let w: World;
  let server: Awaited<ReturnType<typeof scriptedServer>>;
  beforeEach(async () => {
    w = world();
    server = await scriptedServer(handler(w));
  });
  afterEach(() => server.close());
  const calls = (pathname: string) => server.seen.filter((s) => s.url.pathname === pathname);

  it("reads every page of catalogs, schemas, tables and grants; system objects skipped with the reason", async () => {
    const out = path.join(tmpDir(), "snap");
    const s = await runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only });
    // 6 catalogs in pages of 2: three calls, each after the first with the token the previous one gave.
    expect(
      calls(`${UC}/catalogs`).map((c) => [
        c.url.searchParams.get("max_results"),
        c.url.searchParams.get("page_token"),
      ]),
    ).toEqual([
      ["1000", null],
      ["1000", "2"],
      ["1000", "4"],
    ]);
    expect(descriptors(out, "uc-catalog").map((c) => c.id)).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(s.skipped).toContainEqual({
      kind: "uc-catalog",
      id: "system",
      reason: expect.stringContaining("system catalog"),
    });
    // Schemas of the 5 catalogs (system not walked), two pages each; information_schema skipped.
    expect(new Set(calls(`${UC}/schemas`).map((c) => c.url.searchParams.get("catalog_name")))).toEqual(
      new Set(["c1", "c2", "c3", "c4", "c5"]),
    );
    expect(descriptors(out, "uc-schema").map((x) => x.id)).toEqual([
      "schema-c1",
      "schema-c2",
      "schema-c3",
      "schema-c4",
      "schema-c5",
    ]);
    expect(s.skipped.filter((x) => x.kind === "uc-schema").map((x) => x.id)).toEqual(
      ["c1", "c2", "c3", "c4", "c5"].map((c) => `${c}.information_schema`),
    );
    // Tables: at most 50 per page asked (the Tables API's limit), all 5 over three pages of 2.
    const tableCalls = calls(`${UC}/tables`).filter((c) => c.url.searchParams.get("catalog_name") === "c1");
    expect(tableCalls.map((c) => c.url.searchParams.get("max_results"))).toEqual(["50", "50", "50"]);
    const tables = descriptors(out, "uc-table");
    expect(tables.map((t) => t.id)).toEqual(["table-0", "table-1", "table-2", "table-3", "table-4"]);
    expect(tables.every((t) => t.schemaId === "schema-c1")).toBe(true);
    expect(tables.filter((t) => t.replication === "data")).toHaveLength(4);
    // Grants: all three pages of t0 (the first one empty), merged by principal.
    expect(tables[0].grants).toEqual([
      { principal: "analysts", privileges: ["MODIFY", "SELECT"] },
      { principal: "users", privileges: ["SELECT"] },
    ]);
    expect(calls(`${UC}/permissions/table/c1.s.t0`)).toHaveLength(3);
    expect(descriptors(out, "uc-catalog")[0].grants).toEqual([
      { principal: "users", privileges: ["USE_CATALOG"] },
    ]);
    expect(descriptors(out, "uc-metastore")).toEqual([
      expect.objectContaining({
        id: META,
        region: "eastus2",
        assignment: { workspaceId: "1234567890123456", defaultCatalogName: "c1" },
      }),
    ]);
    // Counted in the inventory as replicated kinds, never through the old not-replicated families.
    const inv = manifest(out).inventory as Obj[];
    expect(inv).toContainEqual({ family: "uc-table", count: 5, status: "replicated" });
    expect(inv.some((e) => String(e.family).startsWith("Unity Catalog"))).toBe(false);
  });

  it("a catalog whose schemas the API refuses is recorded as skipped; the others are exported", async () => {
    w.refused = ["c3"];
    const out = path.join(tmpDir(), "snap");
    const s = await runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only });
    expect(descriptors(out, "uc-schema").map((x) => x.id)).toEqual([
      "schema-c1",
      "schema-c2",
      "schema-c4",
      "schema-c5",
    ]);
    expect(s.skipped).toContainEqual({
      kind: "uc-schema",
      id: "c3.*",
      reason: expect.stringContaining("PERMISSION_DENIED"),
    });
    // Tables, volumes and functions say so too: they are listed per schema.
    expect(s.skipped).toContainEqual(expect.objectContaining({ kind: "uc-table", id: "c3.*" }));
  });

  it("a workspace without a metastore: every UC kind unknown in the inventory, never 0 objects", async () => {
    w.metastore = false;
    const out = path.join(tmpDir(), "snap");
    const s = await runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only });
    for (const k of UC_KIND_NAMES) expect([k, s.counts[k]]).toEqual([k, undefined]);
    const inv = manifest(out).inventory as Obj[];
    for (const k of UC_KIND_NAMES)
      expect(inv.find((e) => e.family === k)).toEqual({
        family: k,
        count: null,
        status: "unknown",
        reason: expect.stringContaining("METASTORE_DOES_NOT_EXIST"),
      });
    expect(
      s.skipped
        .filter((x) => x.id === "*")
        .map((x) => x.kind)
        .sort(),
    ).toEqual([...UC_KIND_NAMES].sort());
    // The API's words; a 404 of a listing is a feature absent, not an object deleted meanwhile.
    expect(s.skipped.find((x) => x.id === "*")?.reason).toBe(
      "not available in this workspace: METASTORE_DOES_NOT_EXIST (404): No metastore assigned for the current workspace.",
    );
    // Nothing but the metastore gate was asked.
    expect(calls(`${UC}/catalogs`)).toHaveLength(0);
  });

  it("the shrink guard keeps the snapshot when Unity Catalog disappears (metastore unassigned)", async () => {
    const out = path.join(tmpDir(), "snap");
    await runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only });
    const before = readTree(out);
    w.metastore = false;
    await expect(
      runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only }),
    ).rejects.toBeInstanceOf(ShrinkRefused);
    expect(readTree(out)).toEqual(before);
  });

  it("is incremental: unchanged objects are not read again, a changed table is, and the result equals a full export", async () => {
    const out = path.join(tmpDir(), "snap");
    await runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only });
    const grantReads = () =>
      server.seen.filter((c) => c.url.pathname.startsWith(`${UC}/permissions/`)).length;
    const first = grantReads();
    (w.tables["c1.s"][2] as Obj).comment = "now documented";
    const s = await runExport({ client: client(server.url), out, exportedAt: EXPORTED_AT, filters: only });
    const second = grantReads() - first;
    // Only the changed table and the objects whose weekly grant refresh falls on this day are read again.
    expect(second).toBeLessThan(first / 2);
    expect(server.seen.filter((c) => c.url.pathname === `${UC}/permissions/table/c1.s.t2`).length).toBe(2);
    expect(s.changes?.["uc-table"]).toEqual({ added: [], changed: ["table-2"], removed: [] });
    const full = path.join(tmpDir(), "snap");
    await runExport({ client: client(server.url), out: full, exportedAt: EXPORTED_AT, filters: only });
    const a = readTree(out);
    const b = readTree(full);
    for (const [f, bytes] of b)
      if (f.startsWith("descriptors/")) expect([f, a.get(f)?.equals(bytes)]).toEqual([f, true]);
    expect(fs.existsSync(path.join(out, "descriptors", "uc-table.json"))).toBe(true);
  });

  it("grants are re-read on each object's day of the week, so a grant change reaches the snapshot within 7 days", async () => {
    const out = path.join(tmpDir(), "snap");
    const day = (n: number) => new Date(Date.parse(EXPORTED_AT) + n * 86_400_000).toISOString();
    await runExport({ client: client(server.url), out, exportedAt: day(0), filters: only });
    w.grants["table/c1.s.t3"] = [[{ principal: "auditors", privileges: ["SELECT"] }]];
    let seenOn: number | undefined;
    for (let n = 1; n <= 7 && seenOn === undefined; n++) {
      await runExport({ client: client(server.url), out, exportedAt: day(n), filters: only });
      const t3 = descriptors(out, "uc-table").find((t) => t.id === "table-3");
      if (t3.grants.length) seenOn = n;
    }
    expect(seenOn).toBeDefined();
  });
});
