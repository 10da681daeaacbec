import { RunningEmulator } from "../../emulator";
import { client, start } from "./helpers";

const BASE = "/api/2.0/preview/scim/v2";
let emu: RunningEmulator;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  emu = await start({ workspace: "empty" });
  api = client(emu);
  for (let i = 0; i < 249; i++)
    expect(
      (await api.post(`${BASE}/Users`, { userName: `u${String(i).padStart(3, "0")}@example.com` })).status,
    ).toBe(201);
});
afterAll(() => emu.close());

describe("SCIM paging", () => {
  it("pages with 1-based startIndex and count beyond one page, and leaves Resources out past the end", async () => {
    const seen: string[] = [];
    let start = 1;
    for (;;) {
      const r = await api.get(`${BASE}/Users?startIndex=${start}&count=100`);
      expect(r.status).toBe(200);
      expect(r.json.totalResults).toBe(250);
      expect(r.json.startIndex).toBe(start);
      if (!r.json.Resources) {
        expect(r.json.itemsPerPage).toBe(0);
        break;
      }
      expect(r.json.itemsPerPage).toBe(r.json.Resources.length);
      seen.push(...r.json.Resources.map((u: { userName: string }) => u.userName));
      start += r.json.Resources.length;
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const last = await api.get(`${BASE}/Users?startIndex=201&count=100`);
    expect(last.json.Resources).toHaveLength(50);
  });

  it("filters by userName eq, case-insensitively, and rejects a malformed filter", async () => {
    const r = await api.get(`${BASE}/Users?filter=${encodeURIComponent('userName eq "U007@example.com"')}`);
    expect(r.json.totalResults).toBe(1);
    expect(r.json.Resources[0].userName).toBe("u007@example.com");
    const bad = await api.get(`${BASE}/Users?filter=${encodeURIComponent("userName is u007")}`);
    expect(bad.status).toBe(400);
    expect(bad.json.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
  });

  it("projects attributes", async () => {
    const r = await api.get(`${BASE}/Users?count=1&attributes=userName`);
    expect(Object.keys(r.json.Resources[0]).sort()).toEqual(["id", "userName"]);
  });
});

describe("SCIM writes", () => {
  it("creates groups, patches members and entitlements, and derives a user's groups", async () => {
    const user = (
      await api.get(`${BASE}/Users?filter=${encodeURIComponent('userName eq "u001@example.com"')}`)
    ).json.Resources[0];
    const g = await api.post(`${BASE}/Groups`, { displayName: "etl" });
    expect(g.status).toBe(201);
    const outer = (
      await api.post(`${BASE}/Groups`, { displayName: "outer", members: [{ value: g.json.id }] })
    ).json;
    const patch = await api.patch(`${BASE}/Groups/${g.json.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "add", path: "members", value: [{ value: user.id }] },
        { op: "add", path: "entitlements", value: [{ value: "allow-cluster-create" }] },
      ],
    });
    expect(patch.status).toBe(200);
    expect(patch.json.members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    expect(patch.json.entitlements).toEqual([{ value: "allow-cluster-create" }]);
    expect(patch.json.groups).toEqual([expect.objectContaining({ value: outer.id, display: "outer" })]);
    const u = await api.get(`${BASE}/Users/${user.id}`);
    expect(u.json.groups).toEqual([
      expect.objectContaining({ value: g.json.id, display: "etl", $ref: `Groups/${g.json.id}` }),
    ]);
    await api.patch(`${BASE}/Groups/${g.json.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "remove", path: `members[value eq "${user.id}"]` }],
    });
    expect((await api.get(`${BASE}/Users/${user.id}`)).json.groups).toBeUndefined();
  });

  it("refuses duplicates with 409, answers 404 for unknown ids, deletes with 204", async () => {
    const dup = await api.post(`${BASE}/Users`, { userName: "u001@example.com" });
    expect(dup.status).toBe(409);
    const sp = await api.post(`${BASE}/ServicePrincipals`, { applicationId: "app-1", displayName: "robot" });
    expect(sp.status).toBe(201);
    expect(
      (await api.get(`${BASE}/ServicePrincipals?filter=applicationId eq "app-1"`)).json.totalResults,
    ).toBe(1);
    expect((await api.del(`${BASE}/ServicePrincipals/${sp.json.id}`)).status).toBe(204);
    const missing = await api.get(`${BASE}/ServicePrincipals/${sp.json.id}`);
    expect(missing.status).toBe(404);
    expect(missing.json.status).toBe("404");
  });

  it("replaces a user with PUT", async () => {
    const u = (await api.post(`${BASE}/Users`, { userName: "put@example.com", displayName: "Before" })).json;
    const r = await api.put(`${BASE}/Users/${u.id}`, {
      userName: "put@example.com",
      displayName: "After",
      active: false,
    });
    expect(r.json).toMatchObject({ id: u.id, displayName: "After", active: false });
  });
});
