/**
 * verify's serving endpoint rules and the report's manual actions for them, from the README's passive policy: while passive a served entity scaled
 * to zero at the smallest size (workload size Small, concurrency 0..4, throughput from 0) is an expected
 * difference, and a secondary endpoint holding compute while passive is a finding whatever the primary holds.
 */
import { mustBeScaledDownWhilePassive, scaledDownWhilePassive } from "../../kinds/serving-endpoint/verify";
import { RuleContext } from "../../verify/rules";
import { SAMPLE_SERVING } from "../../emulator/seeds/sample-serving";
import { stackActions } from "../../report/stack-actions";
import { readSnapshot } from "../../snapshot/reader";
import { sampleWorldDir } from "../helpers/sample-world";

const ctx = (mode: "passive" | "active") => ({ mode }) as unknown as RuleContext;
const at = (f: string) => `settings.config.served_entities[].${f}`;

describe("verify: serving endpoints while passive", () => {
  it("expects scale to zero and the smallest size while passive, never while active", () => {
    const cases = [
      { path: at("scale_to_zero_enabled"), primary: false, secondary: true },
      { path: at("workload_size"), primary: "Large", secondary: "Small" },
      { path: at("min_provisioned_concurrency"), primary: 8, secondary: 0 },
      { path: at("max_provisioned_concurrency"), primary: 16, secondary: 4 },
      { path: at("min_provisioned_throughput"), primary: 9500, secondary: 0 },
    ];
    for (const d of cases) {
      expect(scaledDownWhilePassive.explain(d, ctx("passive"))).toMatch(/restored on activation/);
      expect(scaledDownWhilePassive.explain(d, ctx("active"))).toBeUndefined();
    }
    // Another size, or scale to zero turned off, is not the policy.
    expect(
      scaledDownWhilePassive.explain(
        { path: at("workload_size"), primary: "Large", secondary: "Medium" },
        ctx("passive"),
      ),
    ).toBeUndefined();
    expect(
      scaledDownWhilePassive.explain(
        { path: at("scale_to_zero_enabled"), primary: true, secondary: false },
        ctx("passive"),
      ),
    ).toBeUndefined();
  });

  it("finds a secondary endpoint that holds compute while passive; external models are not compute", () => {
    const running = {
      settings: {
        config: {
          served_entities: [
            { name: "a", entity_name: "c.s.m", workload_size: "Large", scale_to_zero_enabled: false },
            { name: "b", entity_name: "c.s.m", min_provisioned_concurrency: 8, scale_to_zero_enabled: true },
            { name: "x", external_model: { name: "gpt", provider: "openai", task: "llm/v1/chat" } },
          ],
        },
      },
    };
    const found = mustBeScaledDownWhilePassive.check(running, running, ctx("passive")).map((f) => f.path);
    expect(found).toEqual([
      "settings.config.served_entities[0].scale_to_zero_enabled",
      "settings.config.served_entities[0].workload_size",
      "settings.config.served_entities[1].min_provisioned_concurrency",
    ]);
    expect(mustBeScaledDownWhilePassive.check(running, running, ctx("active"))).toEqual([]);
    const idle = {
      settings: {
        config: { served_models: [{ name: "m", workload_size: "Small", scale_to_zero_enabled: true }] },
      },
    };
    expect(mustBeScaledDownWhilePassive.check(idle, running, ctx("passive"))).toEqual([]);
  });
});

describe("the readiness report's manual actions for serving endpoints", () => {
  it("names, by endpoint and field, the sample's served entities the secondary will lack", () => {
    const snap = readSnapshot(sampleWorldDir());
    const byName = new Map(snap.descriptors["serving-endpoint"].map((d) => [d.id, d.name]));
    const actions = stackActions(snap).filter((a) => a.kind === "serving-endpoint");
    const line = (name: string) =>
      actions
        .filter((a) => byName.get(a.id) === name)
        .map((a) => `${a.field} ${a.action}`)
        .join("\n");
    // From the seed (emulator/seeds/sample-serving.ts): a registry model, a secret, a foundation model, UC versions.
    expect(line(SAMPLE_SERVING.legacy)).toMatch(
      /^settings\.config\.served_models\[0\] .*"churn_classifier".*workspace model registry.*skips the endpoint/,
    );
    expect(line(SAMPLE_SERVING.support)).toContain("{{secrets/etl/api-token}}");
    expect(line(SAMPLE_SERVING.llama)).toMatch(/system\.ai\.meta_llama_v3_1_8b_instruct.*region/);
    expect(line(SAMPLE_SERVING.churn)).toMatch(/sales\.curated\.churn_model.*copy the version/);
  });
});
