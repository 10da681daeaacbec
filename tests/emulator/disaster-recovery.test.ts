/**
 * Managed Disaster Recovery (account API `disaster-recovery/v1`), as the REST reference and
 * databricks-sdk-go service/disasterrecovery describe it: paths `/api/disaster-recovery/v1/accounts/<id>/...`,
 * full resource names, failover groups over workspace sets, FailoverGroupState values, etags, the failover
 * call with `failover_type: FORCED` and `target_primary_region`, stable URLs, page_size/page_token paging.
 */
import { AccountWorkspace, familyOf, RunningEmulator } from "../../emulator";
import { client, start } from "./helpers";

const ACCOUNT = "11111111-2222-4333-8444-555555555555";
const WS: AccountWorkspace[] = [
  { workspace_id: "1001", workspace_name: "fin-east", region: "eastus2", pricing_tier: "MISSION_CRITICAL" },
  {
    workspace_id: "1002",
    workspace_name: "fin-central",
    region: "centralus",
    pricing_tier: "MISSION_CRITICAL",
  },
  { workspace_id: "2001", workspace_name: "hr-east", region: "eastus2", pricing_tier: "MISSION_CRITICAL" },
  {
    workspace_id: "2002",
    workspace_name: "hr-central",
    region: "centralus",
    pricing_tier: "MISSION_CRITICAL",
  },
  { workspace_id: "3001", workspace_name: "premium", region: "centralus", pricing_tier: "PREMIUM" },
];
const BASE = `/api/disaster-recovery/v1/accounts/${ACCOUNT}`;

const group = (ids: string[], extra: object = {}) => ({
  initial_primary_region: "eastus2",
  regions: ["eastus2", "centralus"],
  workspace_sets: [{ name: "finance", workspace_ids: ids, replicate_workspace_assets: true }],
  ...extra,
});
const UC = {
  catalogs: [{ name: "sales" }],
  data_replication_workspace_set: "finance",
  location_mappings: [
    {
      name: "sales-root",
      uri_by_region: [
        { region: "eastus2", uri: "abfss://uc@drprimary.dfs.core.windows.net/sales" },
        { region: "centralus", uri: "abfss://uc@drsecondary.dfs.core.windows.net/sales" },
      ],
    },
  ],
};

let emu: RunningEmulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  emu = await start({ workspace: "empty", account: { accountId: ACCOUNT, workspaces: WS } });
  api = client(emu);
});
afterEach(() => emu.close());

describe("failover groups", () => {
  it("creates an ACTIVE group named by its full resource path, primary as asked, with an etag", async () => {
    const r = await api.post(
      `${BASE}/failover-groups?failover_group_id=finance-dr`,
      group(["1001", "1002"], { unity_catalog_assets: UC }),
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      name: `accounts/${ACCOUNT}/failover-groups/finance-dr`,
      regions: ["eastus2", "centralus"],
      effective_primary_region: "eastus2",
      state: "ACTIVE",
      workspace_sets: [
        { name: "finance", workspace_ids: ["1001", "1002"], replicate_workspace_assets: true },
      ],
      unity_catalog_assets: UC,
    });
    expect(typeof r.json.etag).toBe("string");
    expect(r.json.create_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(r.json).not.toHaveProperty("initial_primary_region"); // "Not returned in responses"
    const got = await api.get(`${BASE}/failover-groups/finance-dr`);
    expect(got.json.name).toBe(r.json.name);
  });

  it("takes the group wrapped in `failover_group` too, and validate_only stores nothing", async () => {
    const r = await api.post(`${BASE}/failover-groups?failover_group_id=wrapped&validate_only=true`, {
      failover_group: group(["1001", "1002"]),
    });
    expect(r.status).toBe(200);
    expect(r.json.effective_primary_region).toBe("eastus2");
    expect((await api.get(`${BASE}/failover-groups/wrapped`)).status).toBe(404);
  });

  it("refuses what the API refuses: unknown workspace, non Mission Critical, uncovered region, duplicate id", async () => {
    const post = (id: string, body: object) =>
      api.post(`${BASE}/failover-groups?failover_group_id=${id}`, body);
    const cases: [object, RegExp][] = [
      [group(["1001", "9999"]), /9999 does not exist/],
      [group(["1001", "3001"]), /Mission Critical/],
      [group(["1001"]), /no workspace in region centralus/],
      [group(["1001", "1002"], { initial_primary_region: "westus" }), /initial_primary_region/],
      [group(["1001", "1002"], { regions: ["eastus2"] }), /at least two regions/],
      [
        group(["1001", "1002"], { unity_catalog_assets: { ...UC, data_replication_workspace_set: "hr" } }),
        /data_replication_workspace_set/,
      ],
      [
        group(["1001", "1002"], {
          workspace_sets: [
            { name: "f", workspace_ids: ["1001", "1002"], stable_url_names: ["accounts/x/stable-urls/nope"] },
          ],
        }),
        /Stable URL .* does not exist/,
      ],
    ];
    for (const [body, msg] of cases) {
      const r = await post("bad", body);
      expect([r.status, r.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
      expect(r.json.message).toMatch(msg);
    }
    expect((await post("", group(["1001", "1002"]))).json.message).toMatch(/failover_group_id/);
    expect((await post("ok", group(["1001", "1002"]))).status).toBe(200);
    const dup = await post("ok", group(["2001", "2002"]));
    expect([dup.status, dup.json.error_code]).toEqual([409, "ALREADY_EXISTS"]);
    const taken = await post("again", group(["1001", "1002"]));
    expect(taken.json.message).toMatch(/already belongs to failover group/);
  });

  it("answers 404 RESOURCE_DOES_NOT_EXIST for a missing group or another account", async () => {
    const r = await api.get(`${BASE}/failover-groups/nope`);
    expect([r.status, r.json.error_code]).toEqual([404, "RESOURCE_DOES_NOT_EXIST"]);
    const other = await api.get(`/api/disaster-recovery/v1/accounts/someone-else/failover-groups`);
    expect(other.status).toBe(404);
  });

  it("pages the list by page_size and next_page_token; a negative page_size is refused", async () => {
    await api.post(`${BASE}/failover-groups?failover_group_id=a`, group(["1001", "1002"]));
    await api.post(`${BASE}/failover-groups?failover_group_id=b`, group(["2001", "2002"]));
    const p1 = await api.get(`${BASE}/failover-groups?page_size=1`);
    expect(p1.json.failover_groups.map((g: { name: string }) => g.name)).toEqual([
      `accounts/${ACCOUNT}/failover-groups/a`,
    ]);
    const p2 = await api.get(`${BASE}/failover-groups?page_size=1&page_token=${p1.json.next_page_token}`);
    expect(p2.json.failover_groups.map((g: { name: string }) => g.name)).toEqual([
      `accounts/${ACCOUNT}/failover-groups/b`,
    ]);
    expect(p2.json).not.toHaveProperty("next_page_token");
    expect((await api.get(`${BASE}/failover-groups`)).json.failover_groups).toHaveLength(2);
    expect((await api.get(`${BASE}/failover-groups?page_size=-1`)).status).toBe(400);
    await api.del(`${BASE}/failover-groups/a`);
    await api.del(`${BASE}/failover-groups/b`);
    expect((await api.get(`${BASE}/failover-groups`)).json).toEqual({});
  });

  it("updates the fields update_mask names, with the current etag; a stale etag is 409 ABORTED", async () => {
    const c = (await api.post(`${BASE}/failover-groups?failover_group_id=g`, group(["1001", "1002"]))).json;
    const url = `${BASE}/failover-groups/g?update_mask=unity_catalog_assets`;
    expect((await api.patch(url, { unity_catalog_assets: UC })).json.message).toMatch(/etag/);
    const u = await api.patch(url, { etag: c.etag, unity_catalog_assets: UC });
    expect(u.status).toBe(200);
    expect(u.json.unity_catalog_assets).toEqual(UC);
    expect(u.json.etag).not.toBe(c.etag);
    const stale = await api.patch(url, { etag: c.etag, unity_catalog_assets: UC });
    expect([stale.status, stale.json.error_code]).toEqual([409, "ABORTED"]);
    const immutable = await api.patch(`${BASE}/failover-groups/g?update_mask=regions`, {
      etag: u.json.etag,
      regions: ["a", "b"],
    });
    expect(immutable.status).toBe(400);
    const noMask = await api.patch(`${BASE}/failover-groups/g`, { etag: u.json.etag });
    expect(noMask.json.message).toMatch(/update_mask/);
  });

  it("deletes with an optional etag (stale: 409); the group is gone after", async () => {
    const c = (await api.post(`${BASE}/failover-groups?failover_group_id=g`, group(["1001", "1002"]))).json;
    expect((await api.del(`${BASE}/failover-groups/g?etag=stale`)).status).toBe(409);
    expect((await api.del(`${BASE}/failover-groups/g?etag=${c.etag}`)).status).toBe(200);
    expect((await api.get(`${BASE}/failover-groups/g`)).status).toBe(404);
    expect((await api.del(`${BASE}/failover-groups/g`)).status).toBe(404);
  });
});

describe("failover", () => {
  it("switches the effective primary region, in the answer and in the emulator's state", async () => {
    const c = (await api.post(`${BASE}/failover-groups?failover_group_id=g`, group(["1001", "1002"]))).json;
    const r = await api.post(`${BASE}/failover-groups/g/failover`, {
      failover_type: "FORCED",
      target_primary_region: "centralus",
      etag: c.etag,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ state: "ACTIVE", effective_primary_region: "centralus" });
    const rec = emu.state.account.failoverGroups.get(`accounts/${ACCOUNT}/failover-groups/g`)!;
    expect(rec.body.effective_primary_region).toBe("centralus");
    expect(emu.state.account.primaries(rec.body)).toEqual({ finance: "1002" });
    expect(emu.state.account.failovers).toEqual([
      expect.objectContaining({ from: "eastus2", to: "centralus" }),
    ]);
    // The target region is the idempotency check: the same call again does not flip back.
    const again = await api.post(`${BASE}/failover-groups/g/failover`, {
      failover_type: "FORCED",
      target_primary_region: "centralus",
    });
    expect([again.status, again.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    const back = await api.post(`${BASE}/failover-groups/g/failover`, {
      failover_type: "FORCED",
      target_primary_region: "eastus2",
      etag: c.etag,
    });
    expect([back.status, back.json.error_code]).toEqual([409, "ABORTED"]);
    expect(emu.state.account.failovers).toHaveLength(1);
  });

  it("refuses a missing failover_type, another type, or a region outside the group", async () => {
    await api.post(`${BASE}/failover-groups?failover_group_id=g`, group(["1001", "1002"]));
    const f = (b: object) => api.post(`${BASE}/failover-groups/g/failover`, b);
    expect((await f({ target_primary_region: "centralus" })).json.message).toMatch(/failover_type/);
    expect((await f({ failover_type: "PLANNED", target_primary_region: "centralus" })).status).toBe(400);
    expect((await f({ failover_type: "FORCED", target_primary_region: "westus" })).json.message).toMatch(
      /not one of the group's regions/,
    );
    expect((await f({ failover_type: "FORCED" })).json.message).toMatch(/target_primary_region/);
    expect(
      (
        await api.post(`${BASE}/failover-groups/none/failover`, {
          failover_type: "FORCED",
          target_primary_region: "centralus",
        })
      ).status,
    ).toBe(404);
  });

  it("with failoverMs, the group is FAILING_OVER (no second failover) until the new primary takes effect", async () => {
    await emu.close();
    emu = await start({
      workspace: "empty",
      account: { accountId: ACCOUNT, workspaces: WS, failoverMs: 300, createMs: 100 },
    });
    api = client(emu);
    const c = await api.post(`${BASE}/failover-groups?failover_group_id=g`, group(["1001", "1002"]));
    expect(c.json.state).toBe("CREATING");
    const early = await api.post(`${BASE}/failover-groups/g/failover`, {
      failover_type: "FORCED",
      target_primary_region: "centralus",
    });
    expect([early.status, early.json.error_code]).toEqual([409, "RESOURCE_CONFLICT"]);
    await new Promise((r) => setTimeout(r, 120));
    expect((await api.get(`${BASE}/failover-groups/g`)).json.state).toBe("INITIAL_REPLICATION");
    await new Promise((r) => setTimeout(r, 120));
    expect((await api.get(`${BASE}/failover-groups/g`)).json.state).toBe("ACTIVE");
    const r = await api.post(`${BASE}/failover-groups/g/failover`, {
      failover_type: "FORCED",
      target_primary_region: "centralus",
    });
    expect(r.json).toMatchObject({ state: "FAILING_OVER", effective_primary_region: "eastus2" });
    await new Promise((res) => setTimeout(res, 350));
    expect((await api.get(`${BASE}/failover-groups/g`)).json).toMatchObject({
      state: "ACTIVE",
      effective_primary_region: "centralus",
    });
  });
});

describe("stable URLs", () => {
  it("are created for a workspace, follow the failover, and cannot be deleted while a group uses them", async () => {
    const su = await api.post(`${BASE}/stable-urls?stable_url_id=finance`, { initial_workspace_id: "1001" });
    expect(su.status).toBe(200);
    expect(su.json.name).toBe(`accounts/${ACCOUNT}/stable-urls/finance`);
    expect(su.json.url).toMatch(/^https:\/\/[^/]+\/\?w=[0-9a-f]+$/);
    expect(su.json).not.toHaveProperty("initial_workspace_id");
    expect(
      (await api.post(`${BASE}/stable-urls?stable_url_id=finance`, { initial_workspace_id: "1001" })).status,
    ).toBe(409);
    expect(
      (await api.post(`${BASE}/stable-urls?stable_url_id=x`, { initial_workspace_id: "42" })).status,
    ).toBe(400);
    const sets = [{ name: "finance", workspace_ids: ["1001", "1002"], stable_url_names: [su.json.name] }];
    await api.post(`${BASE}/failover-groups?failover_group_id=g`, group([], { workspace_sets: sets }));
    const got = await api.get(`${BASE}/stable-urls/finance`);
    expect(got.json.failover_group_name).toBe(`accounts/${ACCOUNT}/failover-groups/g`);
    expect(emu.state.account.stableUrls.get(su.json.name)!.workspace_id).toBe("1001");
    await api.post(`${BASE}/failover-groups/g/failover`, {
      failover_type: "FORCED",
      target_primary_region: "centralus",
    });
    expect(emu.state.account.stableUrls.get(su.json.name)!.workspace_id).toBe("1002");
    expect((await api.get(`${BASE}/stable-urls/finance`)).json.url).toBe(su.json.url); // immutable
    expect((await api.del(`${BASE}/stable-urls/finance`)).status).toBe(409);
    await api.del(`${BASE}/failover-groups/g`);
    expect((await api.get(`${BASE}/stable-urls`)).json.stable_urls).toHaveLength(1);
    expect((await api.del(`${BASE}/stable-urls/finance`)).status).toBe(200);
    expect((await api.get(`${BASE}/stable-urls/finance`)).status).toBe(404);
  });
});

it("counts the account API in a throttling family of its own and asks for the token like the rest", async () => {
  expect(familyOf("POST", `${BASE}/failover-groups/g/failover`)).toBe("disaster-recovery");
  const anonymous = await client(emu, null).get(`${BASE}/failover-groups`);
  expect(anonymous.status).toBe(401);
});

it("has a default account with a primary and a secondary Mission Critical workspace", async () => {
  const d = await start({ workspace: "empty" });
  try {
    const a = d.state.account;
    const regions = [...a.workspaces.values()].map((w) => [w.region, w.pricing_tier]);
    expect(regions).toEqual([
      ["eastus2", "MISSION_CRITICAL"],
      ["centralus", "MISSION_CRITICAL"],
    ]);
    const r = await client(d).get(`/api/disaster-recovery/v1/accounts/${a.accountId}/failover-groups`);
    expect([r.status, r.json]).toEqual([200, {}]);
  } finally {
    await d.close();
  }
});

it("checks the catalogs to replicate against the primary's metastore when the primary is this workspace", async () => {
  const d = await start({ workspace: "sample" });
  try {
    const [primary, secondary] = [...d.state.account.workspaces.keys()];
    const base = `/api/disaster-recovery/v1/accounts/${d.state.account.accountId}/failover-groups`;
    const body = (catalog: string) => ({
      initial_primary_region: "eastus2",
      regions: ["eastus2", "centralus"],
      workspace_sets: [{ name: "main", workspace_ids: [primary, secondary] }],
      unity_catalog_assets: { catalogs: [{ name: catalog }], data_replication_workspace_set: "main" },
    });
    const bad = await client(d).post(`${base}?failover_group_id=g`, body("nope"));
    expect([bad.status, bad.json.message]).toEqual([
      400,
      expect.stringMatching(/Catalog nope does not exist/),
    ]);
    expect((await client(d).post(`${base}?failover_group_id=g`, body("sales"))).status).toBe(200);
  } finally {
    await d.close();
  }
});
