/**
 * Serving endpoints through the emulator: the sample's export holds its endpoints (Databricks' own
 * pay-per-token endpoint skipped with its reason) and their ACLs by endpoint id; the round trip builds them
 * in an empty secondary, where the emulator's own state shows every served entity scaled to zero at the
 * smallest size while passive (the README's passive policy), the workspace-registry model's endpoint named
 * as a manual action, ACLs under the secondary's endpoint ids; activation brings back the primary's sizes.
 */
import type { RunningEmulator } from "../../emulator";
import { SAMPLE_SERVING } from "../../emulator/seeds/sample-serving";
import { readSnapshot } from "../../snapshot/reader";
import { rtoInputOf } from "../../report/rto";
import {
  applyStack,
  clientFor,
  DEFAULT_TOKEN,
  exportWorkspace,
  RoundTripResult,
  runRoundTrip,
  startWorkspace,
} from "../../roundtrip/harness";
import { sampleUcValues } from "../../roundtrip/sample-uc-values";
import { EXPORTED_AT, removeWorkDirs, workDir } from "../roundtrip/helpers";
import * as path from "node:path";

type Obj = Record<string, unknown>;
const ours = (failures: { type: string; name: string }[]) =>
  failures.filter((f) => /serving|ModelServing/i.test(`${f.type} ${f.name}`));
const entitiesOf = (emu: RunningEmulator, name: string): Obj[] =>
  ((emu.state.servingEndpoints.get(name)?.config as Obj | undefined)?.served_entities as Obj[] | undefined) ??
  [];

describe("round trip of the sample's serving endpoints", () => {
  let r: RoundTripResult;
  let primary: RunningEmulator;
  let secondary: RunningEmulator;

  beforeAll(async () => {
    primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
    r = await runRoundTrip({
      primary: { url: primary.url, token: DEFAULT_TOKEN },
      dir: workDir("serving"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
      values: sampleUcValues(),
    });
    secondary = r.secondary!;
  }, 240000);
  afterAll(async () => {
    await primary?.close();
    await secondary?.close();
    removeWorkDirs();
  });

  it("exports every endpoint of the workspace's own, by id, with its ACL; the platform's endpoint skipped", () => {
    const snap = readSnapshot(r.primarySnapshot);
    const own = [...primary.state.servingEndpoints.values()].filter(
      (e) => e.name !== SAMPLE_SERVING.payPerToken,
    );
    expect(snap.descriptors["serving-endpoint"].map((d) => d.id).sort()).toEqual(own.map((e) => e.id).sort());
    const churn = primary.state.servingEndpoints.get(SAMPLE_SERVING.churn)!;
    const acl = snap.descriptors.permissions.find((p) => p.id === `serving-endpoints:${String(churn.id)}`);
    expect(acl?.acl).toContainEqual({
      principal: { kind: "group", id: expect.any(String) },
      level: "CAN_QUERY",
    });
    const ppt = primary.state.servingEndpoints.get(SAMPLE_SERVING.payPerToken)!;
    const skipped = snap.manifest.skipped.find((s) => s.kind === "serving-endpoint" && s.id === ppt.id);
    expect(skipped?.reason).toMatch(/pay-per-token/);
    // The inventory counts them as the replicated kind, no longer as a family left out.
    const inv = snap.manifest.inventory ?? [];
    expect(inv.find((f) => f.family === "serving-endpoint")).toMatchObject({
      count: own.length,
      status: "replicated",
    });
    expect(inv.some((f) => /serving/i.test(f.family) && f.status !== "replicated")).toBe(false);
  });

  it("builds them scaled to zero at the smallest size while passive, the registry model's endpoint a manual action", () => {
    expect(ours(r.stack.log.failures)).toEqual([]);
    for (const name of [
      SAMPLE_SERVING.churn,
      SAMPLE_SERVING.fraud,
      SAMPLE_SERVING.support,
      SAMPLE_SERVING.llama,
    ])
      expect(secondary.state.servingEndpoints.has(name)).toBe(true);
    expect(secondary.state.servingEndpoints.has(SAMPLE_SERVING.legacy)).toBe(false);
    const churn = entitiesOf(secondary, SAMPLE_SERVING.churn)[0];
    expect([churn.scale_to_zero_enabled, churn.workload_size]).toEqual([true, "Small"]);
    const [a, b] = entitiesOf(secondary, SAMPLE_SERVING.fraud);
    expect([a.min_provisioned_concurrency, a.max_provisioned_concurrency, a.scale_to_zero_enabled]).toEqual([
      0,
      4,
      true,
    ]);
    expect([b.workload_size, b.workload_type]).toEqual(["Small", "GPU_SMALL"]);
    expect(entitiesOf(secondary, SAMPLE_SERVING.llama)[0].min_provisioned_throughput).toBe(0);
    // The external model: no compute of its own, its secret reference as the primary has it.
    const ext = entitiesOf(secondary, SAMPLE_SERVING.support)[0].external_model as Obj;
    expect((ext.openai_config as Obj).openai_api_key).toBe("{{secrets/etl/api-token}}");
    const actions = r.stack.outputs.manualActions.filter((m) => m.kind === "serving-endpoint");
    expect(actions.map((m) => m.action).join("\n")).toMatch(/churn_classifier.*workspace model registry/);
  });

  it("puts the ACLs under the secondary's endpoint id", () => {
    const id = String(secondary.state.servingEndpoints.get(SAMPLE_SERVING.churn)!.id);
    const primaryId = String(primary.state.servingEndpoints.get(SAMPLE_SERVING.churn)!.id);
    expect(id).not.toBe(primaryId);
    const acl = secondary.state.acls.get(`serving-endpoints/${id}`) ?? [];
    expect(acl).toContainEqual({ group_name: "data-scientists", permission_level: "CAN_QUERY" });
  });

  it("verify explains the passive sizes and finds nothing unexpected on the endpoints", () => {
    const mine = r.verify.objects.filter(
      (o) => o.kind === "serving-endpoint" || o.key.startsWith("serving-endpoints:"),
    );
    // The registry model's endpoint is missing by design (a manual action), and its ACL with it.
    const legacy = mine.filter((o) =>
      [SAMPLE_SERVING.legacy, `serving-endpoints:${SAMPLE_SERVING.legacy}`].includes(o.key),
    );
    expect(legacy.map((o) => [o.status, o.unexpected])).toEqual([
      ["missing", false],
      ["missing", false],
    ]);
    expect(mine.filter((o) => o.unexpected)).toEqual([]);
    expect(mine.flatMap((o) => o.expected.map((e) => e.rule))).toContain("serving-scaled-down-while-passive");
  });

  it("restores the primary's sizes on activation (the RTO estimate counts exactly the endpoints it changes)", async () => {
    const before = new Map(
      [...secondary.state.servingEndpoints].map(([n, e]) => [n, JSON.stringify(e.config)]),
    );
    const active = await applyStack({
      snapshotPath: r.primarySnapshot,
      target: { url: secondary.url, token: DEFAULT_TOKEN },
      values: { ...sampleUcValues(), activation: "true" },
      state: r.stack.state,
    });
    expect(ours(active.log.failures)).toEqual([]);
    const churn = entitiesOf(secondary, SAMPLE_SERVING.churn)[0];
    expect([churn.scale_to_zero_enabled, churn.workload_size]).toEqual([false, "Medium"]);
    const [a] = entitiesOf(secondary, SAMPLE_SERVING.fraud);
    expect([a.min_provisioned_concurrency, a.max_provisioned_concurrency]).toEqual([8, 16]);
    const changed = [...secondary.state.servingEndpoints].filter(
      ([n, e]) => before.get(n) !== JSON.stringify(e.config),
    ).length;
    expect(changed).toBeGreaterThan(0);
    expect(rtoInputOf(readSnapshot(r.primarySnapshot), {}).activation["serving-endpoint"]).toBe(changed);
  }, 120000);

  it("updates in place what the primary changed: tags (PATCH add/delete) and AI Gateway (PUT)", async () => {
    const c = clientFor({ url: primary.url, token: DEFAULT_TOKEN });
    await c.patch(`/api/2.0/serving-endpoints/${SAMPLE_SERVING.churn}/tags`, {
      add_tags: [{ key: "tier", value: "gold" }],
      delete_tags: ["cost-center"],
    });
    await c.put(`/api/2.0/serving-endpoints/${SAMPLE_SERVING.support}/ai-gateway`, {
      usage_tracking_config: { enabled: false },
    });
    const again = path.join(workDir("serving-2"), "primary");
    await exportWorkspace({ url: primary.url, token: DEFAULT_TOKEN }, again, { exportedAt: EXPORTED_AT });
    const idBefore = secondary.state.servingEndpoints.get(SAMPLE_SERVING.churn)!.id;
    const up = await applyStack({
      snapshotPath: again,
      target: { url: secondary.url, token: DEFAULT_TOKEN },
      values: { ...sampleUcValues(), activation: "true" },
      state: r.stack.state,
    });
    expect(ours(up.log.failures)).toEqual([]);
    const churn = secondary.state.servingEndpoints.get(SAMPLE_SERVING.churn)!;
    // The same endpoint (updated, not replaced), its tags as the primary's now are.
    expect(churn.id).toBe(idBefore);
    expect(churn.tags).toEqual(primary.state.servingEndpoints.get(SAMPLE_SERVING.churn)!.tags);
    expect(secondary.state.servingEndpoints.get(SAMPLE_SERVING.support)!.ai_gateway).toEqual({
      usage_tracking_config: { enabled: false },
    });
  }, 120000);
});
