import { nodeTypeMapped, otherCloudDropped } from "../../verify/compute-portability";
import { RuleContext } from "../../verify/rules";

const ctx = (nodeTypeMap?: Record<string, string>) =>
  ({ mode: "passive", nodeTypeMap }) as unknown as RuleContext;

describe("verify: compute changed on purpose for an Azure secondary", () => {
  it("a node type is expected mapped only as databricks-dr:nodeTypeMap says", () => {
    const r = nodeTypeMapped(["spec"]);
    expect(r.paths).toEqual(["spec.node_type_id", "spec.driver_node_type_id"]);
    const d = { path: "spec.node_type_id", primary: "i3.xlarge", secondary: "Standard_DS3_v2" };
    expect(r.explain(d, ctx({ "i3.xlarge": "Standard_DS3_v2" }))).toMatch(/nodeTypeMap/);
    expect(r.explain(d, ctx({ "i3.xlarge": "Standard_DS4_v2" }))).toBeUndefined();
    expect(r.explain(d, ctx())).toBeUndefined();
  });

  it("other clouds' attributes are expected absent in the secondary, never changed", () => {
    const r = otherCloudDropped(["settings.tasks[].new_cluster"]);
    expect(r.paths).toContain("settings.tasks[].new_cluster.aws_attributes");
    const primary = { availability: "SPOT_WITH_FALLBACK", zone_id: "us-west-2c" };
    expect(r.explain({ path: "x", primary, secondary: undefined }, ctx())).toMatch(/another cloud/);
    expect(
      r.explain({ path: "x", primary, secondary: { availability: "ON_DEMAND" } }, ctx()),
    ).toBeUndefined();
    expect(r.explain({ path: "x", primary: undefined, secondary: primary }, ctx())).toBeUndefined();
  });
});
