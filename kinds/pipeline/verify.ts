import type { KindVerifySpec } from "../../verify/kinds";
import { ExpectedRule } from "../../verify/rules";
import { portabilityRules } from "../../verify/compute-portability";

/** While passive a continuous pipeline is triggered in the secondary (components: kinds/pipeline/mapping.ts). */
export const triggeredWhilePassive: ExpectedRule = {
  id: "pipeline-triggered-while-passive",
  paths: ["settings.continuous", "settings.trigger", "settings.trigger.cron", "settings.trigger.manual"],
  explain(d, ctx) {
    if (ctx.mode !== "passive") return undefined;
    if (d.path === "settings.continuous" && d.primary === true && d.secondary !== true)
      return "continuous pipeline triggered while the secondary is passive (restored on activation)";
    if (d.path.startsWith("settings.trigger") && d.primary !== undefined)
      return "cron trigger replaced by a manual one while the secondary is passive (restored on activation)";
    return undefined;
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
};
