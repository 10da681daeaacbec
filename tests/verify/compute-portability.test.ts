import { nodeTypeMapped, otherCloudDropped, storagePathRewritten } from "../../verify/compute-portability";
import { RuleContext } from "../../verify/rules";

const ctx = (nodeTypeMap?: Record<string, string>, storageMap?: object) =>
  ({ mode: "passive", nodeTypeMap, storageMap }) as unknown as RuleContext;

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

  it("an init-script destination is expected rewritten exactly as the storage map's documented meaning says", () => {
    const r = storagePathRewritten(["settings.job_clusters[].new_cluster"]);
    expect(r.paths).toContain("settings.job_clusters[].new_cluster.init_scripts[].abfss.destination");
    const map = {
      accounts: { prodlake: { account: "drlake", containers: { raw: "raw-dr" } } },
      catalogs: { main: "main_dr" },
      mounts: { legacy: "keep" },
    };
    const d = (primary: string, secondary: string) => ({ path: "x", primary, secondary });
    expect(
      r.explain(
        d(
          "abfss://raw@prodlake.dfs.core.windows.net/i.sh",
          "abfss://raw-dr@drlake.dfs.core.windows.net/i.sh",
        ),
        ctx(undefined, map),
      ),
    ).toMatch(/storageMap/);
    expect(r.explain(d("/Volumes/main/ops/i.sh", "/Volumes/main_dr/ops/i.sh"), ctx(undefined, map))).toMatch(
      /storageMap/,
    );
    // Not what the map says, or no map: a difference.
    expect(
      r.explain(d("/Volumes/main/ops/i.sh", "/Volumes/other/ops/i.sh"), ctx(undefined, map)),
    ).toBeUndefined();
    expect(r.explain(d("dbfs:/mnt/legacy/i.sh", "dbfs:/mnt/x/i.sh"), ctx(undefined, map))).toBeUndefined();
    expect(r.explain(d("/Volumes/main/ops/i.sh", "/Volumes/main_dr/ops/i.sh"), ctx())).toBeUndefined();
  });
});
