import type { KindVerifySpec } from "../../verify/spec";
import { ExpectedRule, SecondaryCheck } from "../../verify/rules";
import { portabilityRules } from "../../verify/compute-portability";

/** While passive a continuous pipeline is triggered in the secondary (components: kinds/pipeline/mapping.ts). */
export const triggeredWhilePassive: ExpectedRule = {
  id: "pipeline-triggered-while-passive",
  paths: ["settings.continuous", "settings.trigger.cron", "settings.trigger.manual"],
  explain(d, ctx) {
    if (ctx.mode !== "passive") return undefined;
    if (d.path === "settings.continuous" && d.primary === true && d.secondary !== true)
      return "continuous pipeline triggered while the secondary is passive (restored on activation)";
    const cronDropped =
      (d.path === "settings.trigger.cron" && d.primary !== undefined && d.secondary === undefined) ||
      (d.path === "settings.trigger.manual" && d.primary === undefined && d.secondary !== undefined);
    if (cronDropped)
      return "cron trigger replaced by a manual one while the secondary is passive (restored on activation)";
    return undefined;
  },
};

type Obj = Record<string, unknown>;
const settingsOf = (d: unknown): Obj =>
  ((d && typeof d === "object" ? (d as Obj).settings : undefined) as Obj | undefined) ?? {};

/** While passive no pipeline of the secondary may run on its own: continuous or on a cron, both regions would. */
export const mustNotRunWhilePassive: SecondaryCheck = {
  id: "pipeline-runs-while-passive",
  check(secondary, primary, ctx) {
    if (ctx.mode !== "passive") return [];
    const s = settingsOf(secondary);
    const p = settingsOf(primary);
    const out: ReturnType<SecondaryCheck["check"]> = [];
    const note = "must not run while the secondary is passive: both regions would run it";
    if (s.continuous === true)
      out.push({ path: "settings.continuous", primary: p.continuous, secondary: true, note });
    const cron = (s.trigger as Obj | undefined)?.cron;
    if (cron !== undefined)
      out.push({
        path: "settings.trigger.cron",
        primary: (p.trigger as Obj | undefined)?.cron,
        secondary: cron,
        note,
      });
    return out;
  },
};

/** Pipelines are matched by name (pipeline ids are assigned by each workspace). */
export const PIPELINE_VERIFY: KindVerifySpec<"pipeline"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  keyedArrays: { "settings.clusters": "label" },
  setFields: [
    "settings.libraries",
    "settings.notifications[].email_recipients",
    "settings.notifications[].alerts",
  ],
  // Pipeline clusters are ported to Azure as every compute spec is (kinds/pipeline/mapping.ts).
  expected: [triggeredWhilePassive, ...portabilityRules(["settings.clusters[]"])],
  checks: [mustNotRunWhilePassive],
};
