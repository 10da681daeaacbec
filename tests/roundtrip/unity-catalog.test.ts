/**
 * Unity Catalog through the round trip: the sample's metastore objects, exported and applied by the stack
 * (roundtrip/rest-uc.ts, as the provider sends them) to the EMPTY secondary emulator, then checked against
 * the emulators' own state: the primary's securables (read from the primary emulator, not from the
 * snapshot), with the sample's storage account moved to the secondary's as the storage map says. Then a
 * second apply that changes nothing, and a catalog removed from the primary deleted with prune on.
 */
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { SAMPLE_UC } from "../../emulator/seeds/sample-uc";
import type { Metastore } from "../../emulator/state/uc-state";
import type { Obj } from "../../emulator/state/types";
import { applyStack, clientFor, exportWorkspace, startWorkspace, StackResult } from "../../roundtrip";
import { UC_TYPES } from "../../roundtrip/rest-uc";
import { DEFAULT_TOKEN } from "../../roundtrip/harness";
import { EXPORTED_AT, removeWorkDirs, workDir } from "./helpers";
import {
  PRIMARY_ACCOUNT,
  SECONDARY_ACCOUNT,
  sampleUcValues as ucValues,
} from "../../roundtrip/sample-uc-values";

/** What the UC objects need besides themselves: their principals and the warehouse their SQL runs on. */
const KINDS = ["user", "group", "service-principal", "sql-warehouse"];
const UC_KINDS = [
  "uc-metastore",
  "uc-storage-credential",
  "uc-external-location",
  "uc-connection",
  "uc-catalog",
  "uc-schema",
  "uc-volume",
  "uc-table",
  "uc-function",
];
/** Prune on from the first run: Pulumi deletes with the retainOnDelete of the run that registered it. */
const values = () => ({
  ...ucValues(),
  includeKinds: JSON.stringify([...KINDS, ...UC_KINDS]),
  prune: "true",
});

/** The storage map of uc-values.ts, written out: the primary's account becomes the secondary's. */
const moved = (url: unknown) =>
  typeof url === "string" ? url.replace(`@${PRIMARY_ACCOUNT}.`, `@${SECONDARY_ACCOUNT}.`) : url;

let primary: RunningEmulator;
let secondary: RunningEmulator;
let dir: string;
let first: StackResult;
const ep = (e: RunningEmulator) => ({ url: e.url, token: DEFAULT_TOKEN });
const ms = (e: RunningEmulator): Metastore => e.state.uc.current()!;
const ucFailures = (r: StackResult) =>
  r.log.failures.filter((f) =>
    /Catalog|Schema|Volume|SqlTable|Grants|Storage|External|Metastore|Binding|Namespace/.test(f.type),
  );

beforeAll(async () => {
  dir = workDir("uc");
  primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
  await exportWorkspace(ep(primary), path.join(dir, "p1"), { exportedAt: EXPORTED_AT });
  secondary = await startWorkspace("empty", { token: DEFAULT_TOKEN });
  first = await applyStack({ snapshotPath: path.join(dir, "p1"), target: ep(secondary), values: values() });
}, 120000);
afterAll(async () => {
  await primary?.close();
  await secondary?.close();
  removeWorkDirs();
});

it("assigns the secondary's own metastore and sets the primary's default catalog as default namespace", async () => {
  expect(ucFailures(first)).toEqual([]);
  expect(secondary.state.uc.assignments.get(String(SAMPLE_UC.secondaryWorkspaceId))?.metastore_id).toBe(
    SAMPLE_UC.secondaryMetastoreId,
  );
  const ns = await clientFor(ep(secondary)).get<{ namespace: { value: string } }>(
    "/api/2.0/settings/types/default_namespace_ws/names/default",
  );
  expect(ns.namespace.value).toBe(
    primary.state.uc.assignments.get(primary.state.uc.workspaceId)!.default_catalog_name,
  );
});

it("storage credentials on the secondary's connector, external locations on the secondary's account", () => {
  const p = ms(primary);
  const s = ms(secondary);
  for (const c of p.storageCredentials.values()) {
    const twin = s.storageCredentials.get(String(c.name));
    expect(twin).toBeDefined();
    expect((twin!.azure_managed_identity as Obj).access_connector_id).toBe(
      SAMPLE_UC.secondaryAccessConnectorId,
    );
  }
  for (const l of p.externalLocations.values()) {
    const twin = s.externalLocations.get(String(l.name))!;
    expect({ name: l.name, url: twin?.url, cred: twin?.credential_name }).toEqual({
      name: l.name,
      url: moved(l.url),
      cred: l.credential_name,
    });
  }
});

it("catalogs, schemas, volumes, external tables and the view as the primary has them; manual actions absent", () => {
  const p = ms(primary);
  const s = ms(secondary);
  const pick = (o: Obj | undefined, keys: string[]) =>
    o && Object.fromEntries(keys.map((k) => [k, k.includes("storage") ? moved(o[k]) : o[k]]));
  const userCatalogs = [...p.catalogs.values()].filter((c) => c.catalog_type !== "SYSTEM_CATALOG");
  expect(userCatalogs.length).toBe(2);
  for (const c of userCatalogs) {
    const keys = ["name", "comment", "owner", "properties", "isolation_mode", "storage_root"];
    expect(pick(s.catalogs.get(String(c.name)), keys)).toEqual(pick(c, keys));
  }
  for (const [full, sc] of p.schemas) {
    if (full.startsWith("system.")) continue;
    const keys = ["full_name", "comment", "owner", "properties", "storage_root"];
    expect(pick(s.schemas.get(full), keys)).toEqual(pick(sc, keys));
  }
  for (const [full, v] of p.volumes) {
    const keys = [
      "full_name",
      "volume_type",
      "owner",
      "comment",
      ...(v.volume_type === "EXTERNAL" ? ["storage_location"] : []),
    ];
    expect(pick(s.volumes.get(full), keys)).toEqual(pick(v, keys));
  }
  const cols = (t: Obj | undefined) =>
    ((t?.columns as Obj[] | undefined) ?? []).map((c) => [c.name, c.type_text, c.partition_index]);
  for (const [full, t] of p.tables) {
    if (full.startsWith("system.")) continue;
    if (t.table_type === "MANAGED") {
      // Data to replicate (DEEP CLONE / Delta Sharing): never registered empty.
      expect({ full, there: s.tables.has(full) }).toEqual({ full, there: false });
      continue;
    }
    const keys = [
      "full_name",
      "table_type",
      "owner",
      "comment",
      "data_source_format",
      "storage_location",
      "view_definition",
    ];
    expect(pick(s.tables.get(full), keys)).toEqual(pick(t, keys));
    // A view's columns come from running its definition (not emulated): an external table's are sent.
    if (t.table_type !== "VIEW")
      expect({ full, cols: cols(s.tables.get(full)) }).toEqual({ full, cols: cols(t) });
  }
  expect(s.functions.size).toBe(0);
  expect(s.connections.size).toBe(0);
});

it("grants: every replicated securable has exactly the primary's direct grants (metastore's listed only)", () => {
  const p = ms(primary);
  const s = ms(secondary);
  const asSets = (g: Map<string, string[]> | undefined) =>
    Object.fromEntries([...(g ?? new Map<string, string[]>())].map(([k, v]) => [k, [...v].sort()]).sort());
  const notReplicated = (key: string) => {
    const [type, name] = [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)];
    return (
      type === "metastore" ||
      type === "function" ||
      type === "connection" ||
      (type === "table" && p.tables.get(name)?.table_type === "MANAGED")
    );
  };
  const keys = [...p.grants.keys()].filter((k) => !notReplicated(k) && p.grants.get(k)!.size);
  expect(keys.length).toBeGreaterThan(5);
  for (const k of keys)
    expect({ k, grants: asSets(s.grants.get(k.toLowerCase()) ?? s.grants.get(k)) }).toEqual({
      k,
      grants: asSets(p.grants.get(k)),
    });
});

it("the ISOLATED catalog is bound to the secondary workspace", () => {
  const s = ms(secondary);
  const isolated = [...ms(primary).catalogs.values()].filter((c) => c.isolation_mode === "ISOLATED");
  expect(isolated.length).toBeGreaterThan(0);
  for (const c of isolated)
    expect(s.bindings.get(`catalog/${String(c.name)}`)?.has(String(SAMPLE_UC.secondaryWorkspaceId))).toBe(
      true,
    );
});

const ucState = (e: RunningEmulator) => {
  const m = ms(e);
  const dump = (x: Map<string, unknown>) =>
    JSON.stringify([...x.entries()].map(([k, v]) => [k, v instanceof Map ? [...v] : v]));
  return [
    m.storageCredentials,
    m.externalLocations,
    m.catalogs,
    m.schemas,
    m.volumes,
    m.tables,
    m.grants,
    m.bindings,
  ].map((x) => dump(x as Map<string, unknown>));
};

it("a second apply changes nothing", async () => {
  const before = ucState(secondary);
  const again = await applyStack({
    snapshotPath: path.join(dir, "p1"),
    target: ep(secondary),
    values: values(),
    state: first.state,
  });
  expect(ucFailures(again)).toEqual([]);
  const uc = again.log.applied.filter((a) => Object.values(UC_TYPES).includes(a.type as never));
  expect(uc.length).toBeGreaterThan(20);
  expect(uc.filter((a) => a.op !== "unchanged")).toEqual([]);
  expect(ucState(secondary)).toEqual(before);
  first = again;
}, 120000);

it("a comment and a grant changed in the primary are updated in place in the secondary", async () => {
  const pc = clientFor(ep(primary));
  await pc.patch("/api/2.1/unity-catalog/schemas/sales.raw", { comment: "raw landing data (v2)" });
  await pc.patch("/api/2.1/unity-catalog/permissions/catalog/sales", {
    changes: [{ principal: "analytics", add: ["CREATE_SCHEMA"] }],
  });
  await exportWorkspace(ep(primary), path.join(dir, "p1b"), { exportedAt: EXPORTED_AT });
  const r = await applyStack({
    snapshotPath: path.join(dir, "p1b"),
    target: ep(secondary),
    values: values(),
    state: first.state,
  });
  expect(ucFailures(r)).toEqual([]);
  const s = ms(secondary);
  expect(s.schemas.get("sales.raw")!.comment).toBe("raw landing data (v2)");
  expect([...(s.grants.get("catalog/sales")?.get("analytics") ?? [])]).toContain("CREATE_SCHEMA");
  const ops = r.log.applied.filter((a) => a.op === "update").map((a) => a.name);
  expect(ops).toEqual(expect.arrayContaining(["uc-grants:catalog:sales"]));
  expect(ops.filter((n) => n.startsWith("uc-schema:")).length).toBe(1);
  first = r;
}, 120000);

it("a catalog removed from the primary is deleted from the secondary with prune on, children first", async () => {
  await clientFor(ep(primary)).delete("/api/2.1/unity-catalog/catalogs/analytics?force=true");
  await exportWorkspace(ep(primary), path.join(dir, "p2"), { exportedAt: EXPORTED_AT });
  const pruned = await applyStack({
    snapshotPath: path.join(dir, "p2"),
    target: ep(secondary),
    values: values(),
    state: first.state,
  });
  expect(ucFailures(pruned)).toEqual([]);
  const s = ms(secondary);
  expect(s.catalogs.has("analytics")).toBe(false);
  expect([...s.schemas.keys(), ...s.tables.keys()].filter((k) => k.startsWith("analytics."))).toEqual([]);
  // The rest stays as it was.
  expect(s.catalogs.has("sales")).toBe(true);
  expect(s.tables.has("sales.raw.orders")).toBe(true);
  const deleted = pruned.log.deleted.filter((d) => d.op === "delete").map((d) => d.name);
  expect(deleted).toContain("uc-catalog:analytics");
  // Dependents first: the catalog goes after its schemas.
  const at = (n: string) => deleted.indexOf(n);
  for (const n of deleted.filter((x) => x.startsWith("uc-schema:")))
    expect(at(n)).toBeLessThan(at("uc-catalog:analytics"));
}, 120000);
