/**
 * verify's pipeline rules: what passive mode changes on purpose is expected (continuous off, cron made
 * manual), and a secondary pipeline that would run on its own while passive is a finding whatever the
 * primary holds. The rules' meaning comes from the README's pipeline section.
 */
import { mustNotRunWhilePassive, triggeredWhilePassive } from "../../kinds/pipeline/verify";
import { RuleContext } from "../../verify/rules";

const ctx = (mode: "passive" | "active") => ({ mode }) as unknown as RuleContext;

describe("verify: pipelines while passive", () => {
  it("expects continuous off and a cron made manual while passive, never while active", () => {
    const off = { path: "settings.continuous", primary: true, secondary: false };
    expect(triggeredWhilePassive.explain(off, ctx("passive"))).toMatch(/restored on activation/);
    expect(triggeredWhilePassive.explain(off, ctx("active"))).toBeUndefined();
    const cron = { quartz_cron_schedule: "0 0 * * * ?", timezone_id: "UTC" };
    const dropped = { path: "settings.trigger.cron", primary: cron, secondary: undefined };
    expect(triggeredWhilePassive.explain(dropped, ctx("passive"))).toMatch(/manual/);
    // A cron changed (not dropped) or continuous turned on is not explained.
    const changed = {
      path: "settings.trigger.cron",
      primary: cron,
      secondary: { ...cron, timezone_id: "CET" },
    };
    expect(triggeredWhilePassive.explain(changed, ctx("passive"))).toBeUndefined();
    const on = { path: "settings.continuous", primary: false, secondary: true };
    expect(triggeredWhilePassive.explain(on, ctx("passive"))).toBeUndefined();
  });

  it("finds a secondary pipeline that runs on its own while passive, whatever the primary holds", () => {
    const running = { settings: { continuous: true, trigger: { cron: { quartz_cron_schedule: "x" } } } };
    const found = mustNotRunWhilePassive.check(running, running, ctx("passive")).map((f) => f.path);
    expect(found).toEqual(["settings.continuous", "settings.trigger.cron"]);
    expect(mustNotRunWhilePassive.check(running, running, ctx("active"))).toEqual([]);
    const idle = { settings: { continuous: false, trigger: { manual: {} } } };
    expect(mustNotRunWhilePassive.check(idle, running, ctx("passive"))).toEqual([]);
  });
});
