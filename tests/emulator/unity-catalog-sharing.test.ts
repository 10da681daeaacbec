/**
 * Delta Sharing on the emulator's metastore, as the REST reference shapes it: shares with `updates`
 * (ADD/REMOVE of data objects), Databricks-to-Databricks recipients named by the receiving metastore's
 * global id, and recipients' SELECT on shares through `shares/{name}/permissions` `changes`.
 */
import { RunningEmulator } from "../../emulator";
import { SAMPLE_UC } from "../../emulator/seeds/sample-uc";
import { client, start } from "./helpers";

const UC = "/api/2.1/unity-catalog";
const SECONDARY = `azure:centralus:${SAMPLE_UC.secondaryMetastoreId}`;
let emu: RunningEmulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  emu = await start();
  api = client(emu);
});
afterEach(() => emu.close());

it("lists no shares in the sample, then the share made, objects only with include_shared_data", async () => {
  expect((await api.get(`${UC}/shares`)).json).toEqual({});
  expect(
    (await api.post(`${UC}/shares`, { name: "dr-clone", comment: "managed tables for the secondary" }))
      .status,
  ).toBe(200);
  const add = await api.patch(`${UC}/shares/dr-clone`, {
    updates: [{ action: "ADD", data_object: { name: "sales.curated.customers", data_object_type: "TABLE" } }],
  });
  expect(add.json.objects).toEqual([
    expect.objectContaining({ name: "sales.curated.customers", status: "ACTIVE" }),
  ]);
  expect((await api.get(`${UC}/shares`)).json.shares).toEqual([
    expect.not.objectContaining({ objects: expect.anything() }),
  ]);
  expect((await api.get(`${UC}/shares/dr-clone`)).json.objects).toBeUndefined();
  expect((await api.get(`${UC}/shares/dr-clone?include_shared_data=true`)).json.objects).toHaveLength(1);
  const dup = await api.post(`${UC}/shares`, { name: "DR-clone" });
  expect([dup.status, dup.json.error_code]).toEqual([409, "SHARE_ALREADY_EXISTS"]);
});

it("adds only objects that exist, all updates or none", async () => {
  await api.post(`${UC}/shares`, { name: "s" });
  const r = await api.patch(`${UC}/shares/s`, {
    updates: [
      { action: "ADD", data_object: { name: "sales.raw.orders", data_object_type: "TABLE" } },
      { action: "ADD", data_object: { name: "sales.raw.nope", data_object_type: "TABLE" } },
    ],
  });
  expect([r.status, r.json.error_code]).toEqual([404, "TABLE_DOES_NOT_EXIST"]);
  expect((await api.get(`${UC}/shares/s?include_shared_data=true`)).json.objects).toEqual([]);
  const rm = await api.patch(`${UC}/shares/s`, {
    updates: [{ action: "REMOVE", data_object: { name: "sales.raw.orders" } }],
  });
  expect(rm.status).toBe(400);
  expect((await api.get(`${UC}/shares/none`)).json.error_code).toBe("SHARE_DOES_NOT_EXIST");
});

it("grants a Databricks recipient SELECT on a share; unknown recipients and other privileges are refused", async () => {
  await api.post(`${UC}/shares`, { name: "s" });
  const rec = await api.post(`${UC}/recipients`, {
    name: "secondary",
    authentication_type: "DATABRICKS",
    data_recipient_global_metastore_id: SECONDARY,
  });
  expect(rec.json).toMatchObject({
    region: "centralus",
    metastore_id: SAMPLE_UC.secondaryMetastoreId,
    activated: true,
  });
  expect(
    (
      await api.post(`${UC}/recipients`, {
        name: "x",
        authentication_type: "DATABRICKS",
        data_recipient_global_metastore_id: "nope",
      })
    ).status,
  ).toBe(400);
  const p = await api.patch(`${UC}/shares/s/permissions`, {
    changes: [{ principal: "secondary", add: ["SELECT"] }],
  });
  expect(p.json).toEqual({ privilege_assignments: [{ principal: "secondary", privileges: ["SELECT"] }] });
  const ghost = await api.patch(`${UC}/shares/s/permissions`, {
    changes: [{ principal: "ghost", add: ["SELECT"] }],
  });
  expect([ghost.status, ghost.json.error_code]).toEqual([404, "RECIPIENT_DOES_NOT_EXIST"]);
  expect(
    (
      await api.patch(`${UC}/shares/s/permissions`, {
        changes: [{ principal: "secondary", add: ["MODIFY"] }],
      })
    ).status,
  ).toBe(400);
  await api.del(`${UC}/recipients/secondary`);
  expect((await api.get(`${UC}/shares/s/permissions`)).json).toEqual({});
});
