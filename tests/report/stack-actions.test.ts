/**
 * The readiness report names, by object and field, what the stack would only report in its outputs: other
 * clouds' settings and node types (the recorded AWS cluster, tests/fixtures/databricks-api/
 * get-cluster-awscluster-response.json), storage paths the storageMap does not cover, and
 * `{{secrets/scope/key}}` references to scopes or keys the snapshot does not hold. Expected fields and values
 * are read off the fixture and the test's own inputs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { normalizeCluster } from "../../kinds/cluster/exporter";
import { readSnapshot } from "../../snapshot/reader";
import { removeWrittenSnapshots } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);
const NOW = new Date("2026-11-25T09:30:00.000Z");
const aws = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, "../fixtures/databricks-api/get-cluster-awscluster-response.json"),
    "utf8",
  ),
);

function report(extra: boolean, settings?: Parameters<typeof buildReport>[0]["settings"]) {
  const b = sampleWorld();
  if (extra) {
    b.add("cluster", normalizeCluster(aws, []));
    b.update("cluster", b.list("cluster")[0].id, (d) => {
      d.spec.spark_conf = {
        ...(d.spec.spark_conf as object),
        "spark.x.password": "{{secrets/etl/no-such-key}}",
      };
      d.spec.spark_env_vars = { TOKEN: "{{secrets/vault/api}}" };
    });
    b.update("job", b.list("job")[0].id, (d) => {
      d.settings.job_clusters = [
        {
          job_cluster_key: "jc",
          new_cluster: {
            spark_version: "15.4.x-scala2.12",
            node_type_id: "Standard_DS3_v2",
            num_workers: 1,
            init_scripts: [
              { abfss: { destination: "abfss://scripts@stprimary.dfs.core.windows.net/init.sh" } },
            ],
          },
        },
      ];
    });
  }
  return buildReport({ snapshot: readSnapshot(b.write()), now: NOW, settings });
}

// The sample world's serving endpoints bring served-entity actions of their own (their kind's): left aside here.
const pathsCloudsSecrets = (r: ReturnType<typeof report>) =>
  r.stackActions.filter((a) => a.source === "portability" || a.source === "secret-reference");

it("the plain sample has no such action and the check is ok", () => {
  const r = report(false);
  expect(pathsCloudsSecrets(r)).toEqual([]);
  // ok, or a warning for the served entities alone.
  const c = r.checks.find((x) => x.name === "Paths, clouds and secret references")!;
  expect(`${c.level}: ${c.detail}`).toMatch(
    /^(ok: |warn: 0 storage path \/ cloud \/ node type action\(s\) and 0 secret reference\(s\))/,
  );
});

it("names each object and field: AWS attributes and node types, an unmapped path, missing secret keys", () => {
  const r = report(true);
  const at = (id: string) => r.stackActions.filter((a) => a.id === id).map((a) => a.field);
  // The recorded AWS cluster: its attributes and its (AWS) node type.
  expect(at(aws.cluster_id)).toEqual(expect.arrayContaining(["spec.aws_attributes", "spec.node_type_id"]));
  expect(r.stackActions.find((a) => a.field === "spec.node_type_id")?.action).toContain(aws.node_type_id);
  const job = r.stackActions.filter((a) => a.kind === "job");
  expect(job.map((a) => a.field)).toEqual([
    "settings.job_clusters[0].new_cluster.init_scripts[0].abfss.destination",
  ]);
  expect(job[0].action).toContain("stprimary");
  const secrets = r.stackActions.filter((a) => a.source === "secret-reference");
  expect(secrets.map((a) => [a.kind, a.field])).toEqual([
    ["cluster", 'spec.spark_conf["spark.x.password"]'],
    ["cluster", "spec.spark_env_vars.TOKEN"],
  ]);
  expect(secrets[0].action).toContain('has no key "no-such-key"');
  expect(secrets[1].action).toContain('secret scope "vault" is not in the snapshot');
  // They count as manual actions, warn, and are listed in both renderings by object and field.
  expect(r.totals.manualActions).toBeGreaterThanOrEqual(
    report(false).totals.manualActions + pathsCloudsSecrets(r).length,
  );
  expect(r.checks.find((c) => c.name === "Paths, clouds and secret references")?.level).toBe("warn");
  const md = renderMarkdown(r);
  expect(md).toContain(`| cluster | ${aws.cluster_id} | spec.aws_attributes |`);
  expect(md).toContain("| cluster | " + r.stackActions.find((a) => a.source === "secret-reference")!.id);
  expect(renderHtml(r)).toContain("<code>spec.spark_env_vars.TOKEN</code>");
});

it("a storageMap and nodeTypeMap in the stack settings settle the path and the node type", () => {
  const r = report(true, {
    mounts: [],
    storageMap: { accounts: { stprimary: "stsecondary" } },
    nodeTypeMap: { [aws.node_type_id]: "Standard_DS3_v2", [aws.driver_node_type_id]: "Standard_DS4_v2" },
  } as never);
  expect(r.stackActions.filter((a) => a.kind === "job")).toEqual([]);
  const nodeNotes = r.stackActions.filter((a) => a.field === "spec.node_type_id");
  expect(nodeNotes.map((a) => a.action)).toEqual([expect.stringContaining("mapped to Standard_DS3_v2")]);
});
