/**
 * The stack end to end (Pulumi mocks) for what the secondary cannot take as the primary had it: secret
 * references the exported scopes do not satisfy, paths to the primary's storage, an AWS cluster from the
 * recorded bodies. Each is a manual action naming object and field, or mapped by config; none is sent
 * silently.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { normalizeCluster } from "../../kinds/cluster/exporter";
import { StackOutputs } from "../../components/program";
import { buildStack, secondaryValues } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { sampleWorld } from "../helpers/sample-world";

const CLUSTER = "databricks:index/cluster:Cluster";
/** The emulator sample's "Shared Autoscaling" cluster. */
const CLUSTER_1 = SAMPLE_IDS.sharedCluster;
const aws = normalizeCluster(
  JSON.parse(
    fs.readFileSync(
      path.join(__dirname, "../fixtures/databricks-api/get-cluster-awscluster-response.json"),
      "utf8",
    ),
  ),
  [],
);

let world: MockWorld;
let outputs: StackOutputs;
beforeAll(async () => {
  const dir = sampleWorld()
    .update("cluster", CLUSTER_1, (c) => {
      // The sample's scope "etl" lists api-token, db-password and storage-key.
      c.spec.spark_env_vars = { API_KEY: "{{secrets/etl/api-token}}", GONE: "{{secrets/etl/no-such-key}}" };
      c.spec.init_scripts = [
        { volumes: { destination: "/Volumes/main/ops/init.sh" } },
        { abfss: { destination: "abfss://raw@unmapped1.dfs.core.windows.net/init.sh" } },
      ];
    })
    .add("cluster", aws)
    .write();
  ({ world, outputs } = await buildStack(
    secondaryValues(dir, {
      storageMap: JSON.stringify({ catalogs: { main: "main_dr" } }),
      nodeTypeMap: JSON.stringify({ "i3.2xlarge": "Standard_DS4_v2", "i3.4xlarge": "Standard_DS5_v2" }),
    }),
  ));
});

const actionsOf = (kind: string, id: string) =>
  outputs.manualActions.filter((a) => a.kind === kind && a.id === id).map((a) => a.action);

it("a reference to a key the exported scope does not list is a manual action naming field and reference", () => {
  const actions = actionsOf("cluster", CLUSTER_1);
  expect(actions).toContainEqual(
    expect.stringMatching(
      /^spec\.spark_env_vars\.GONE references \{\{secrets\/etl\/no-such-key\}\}: secret scope "etl" has no key "no-such-key"/,
    ),
  );
  expect(actions.filter((a) => a.includes("api-token"))).toEqual([]);
});

it("init-script paths are rewritten by storageMap, an unmapped one is a manual action", () => {
  const c = world.one(CLUSTER, `cluster:${CLUSTER_1}`);
  expect(c.inputs.initScripts).toEqual([
    { volumes: { destination: "/Volumes/main_dr/ops/init.sh" } },
    { abfss: { destination: "abfss://raw@unmapped1.dfs.core.windows.net/init.sh" } },
  ]);
  expect(actionsOf("cluster", CLUSTER_1)).toContainEqual(
    expect.stringMatching(/^spec\.init_scripts\[1\]\.abfss\.destination .*storage account "unmapped1"/),
  );
});

it("the recorded AWS cluster reaches the stack with Azure node types and without aws_attributes, named", () => {
  const c = world.one(CLUSTER, "cluster:awscluster");
  expect(c.inputs.nodeTypeId).toBe("Standard_DS4_v2");
  expect(c.inputs.driverNodeTypeId).toBe("Standard_DS5_v2");
  expect(c.inputs).not.toHaveProperty("awsAttributes");
  expect(actionsOf("cluster", "awscluster")).toContainEqual(
    expect.stringMatching(/^spec\.aws_attributes \(.*zone_id\) dropped/),
  );
});
