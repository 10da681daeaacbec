/**
 * Permissions on SQL queries and alerts, through the permissions kind: the recorded legacy SQL permissions
 * bodies (get-sql-query-permissions.json, get-sql-alert-permissions.json) validate and map to Permissions
 * args on sqlQueryId / sqlAlertId (the provider's .d.ts), and the sample's export holds each query's ACL
 * as the emulator answers it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ownAcl } from "../../exporters/normalize";
import { permissionsSchema } from "../../kinds/permissions/schema";
import { permissionsArgs } from "../../kinds/permissions/mapping";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { readSnapshot } from "../../snapshot/reader";
import { RunningEmulator } from "../../emulator";
import { clientFor, emulator, exportOnce, tmpDir } from "../exporter/helpers";

const FIXTURES = path.join(__dirname, "../fixtures/databricks-api");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8"));

describe("recorded SQL permissions", () => {
  it.each([
    ["get-sql-query-permissions.json", "queries", "sqlQueryId"],
    ["get-sql-alert-permissions.json", "alerts", "sqlAlertId"],
  ] as const)("%s validates and maps to %s permissions", (file, type, field) => {
    const body = load(file);
    const objectId = String(body.object_id).split("/")[1];
    const acl = ownAcl(body, (name) => (name === "users" ? "g-users" : undefined));
    const d = permissionsSchema.parse({ id: `${type}:${objectId}`, objectType: type, objectId, acl });
    expect(d.acl.length).toBe(body.access_control_list.length);
    const m = permissionsArgs(d, (r) => ({ value: `secondary-${r.id}` }));
    if (!m.ok) throw new Error(m.skip);
    const args = m.args as unknown as Record<string, unknown>;
    expect(checkResourceInputs("databricks:index/permissions:Permissions", args)).toEqual([]);
    expect(args[field]).toBe(`secondary-${objectId}`);
  });

  it("refuses a level the SQL permissions API does not have", () => {
    const r = permissionsSchema.safeParse({
      id: "queries:q",
      objectType: "queries",
      objectId: "q",
      acl: [{ principal: { kind: "user", id: "a@b.c" }, level: "CAN_ATTACH_TO" }],
    });
    expect(r.success).toBe(false);
  });
});

describe("the sample's SQL permissions", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  it("exports each query's and alert's ACL as the emulator answers it", async () => {
    const perms = readSnapshot(out).descriptors.permissions;
    const client = clientFor(emu);
    for (const type of ["queries", "alerts"]) {
      const ids = [...(emu.state.sqlObjects.get(`sql/${type}`)?.keys() ?? [])];
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        const body = await client.get<{
          access_control_list: { user_name?: string; permission_level: string }[];
        }>(`/api/2.0/preview/sql/permissions/${type}/${id}`);
        const d = perms.find((p) => p.id === `${type}:${id}`);
        expect(d?.acl.map((a) => [a.principal.id, a.level])).toEqual(
          body.access_control_list.map((e) => [e.user_name, e.permission_level]),
        );
      }
    }
  });
});
