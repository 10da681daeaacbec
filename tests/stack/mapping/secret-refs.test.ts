/**
 * Secret references against the exported scopes. The scope, its key list and the reference are the recorded
 * bodies' (secrets/scopes/list, secrets/list, and the DLT pipeline's spark_conf), so the expected outcome —
 * the key the pipeline names is not one the scope lists — comes from the recordings, not from this code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { missingSecretReferences, secretReferencesOf } from "../../../components/mapping/secret-refs";
import { normalizePipeline } from "../../../kinds/pipeline/exporter";
import { SecretScopeDescriptor } from "../../../kinds/secret-scope/schema";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/databricks-api", name), "utf8"));

const recordedScope: SecretScopeDescriptor = {
  id: fixture("secret-scopes-response.json").scopes[0].name,
  name: fixture("secret-scopes-response.json").scopes[0].name,
  backend: "AZURE_KEYVAULT",
  keys: fixture("secret-scopes-list-scope-response.json").secrets.map((s: { key: string }) => s.key),
  acls: [],
};
// The recorded pipeline's Spark conf: the only secret reference in the recordings.
const pipelineConf: Record<string, string> = fixture("get-dlt-pipeline.json").spec.clusters[0].spark_conf;

describe("secret references", () => {
  it("a recorded reference to a key its scope does not list is a manual action naming field and reference", () => {
    const [key, ref] = Object.entries(pipelineConf).find(([, v]) => v.includes("{{secrets/"))!;
    const d = { id: "c1", spec: { spark_conf: pipelineConf } };
    expect(missingSecretReferences("cluster", d, [recordedScope])).toEqual([
      `spec.spark_conf${key.includes(".") ? `[${JSON.stringify(key)}]` : `.${key}`} references ${ref}: secret scope "some-kv-scope" has no key "test-secret" in the snapshot; add the key in the primary and export again, or fix the reference`,
    ]);
  });

  it("a key the scope lists raises nothing; an unknown scope is named", () => {
    const ok = { id: "c", spec: { spark_env_vars: { S: "{{secrets/some-kv-scope/some-secret}}" } } };
    expect(missingSecretReferences("cluster", ok, [recordedScope])).toEqual([]);
    const none = { id: "c", spec: { spark_env_vars: { S: "{{ secrets/other/some-secret }}" } } };
    expect(missingSecretReferences("cluster", none, [recordedScope])).toEqual([
      expect.stringMatching(
        /^spec\.spark_env_vars\.S references \{\{ secrets\/other\/some-secret \}\}: secret scope "other" is not in the snapshot/,
      ),
    ]);
  });

  it("job clusters, task parameters and policy definitions, each reference by its field", () => {
    const job = {
      id: "9",
      settings: {
        job_clusters: [
          { job_cluster_key: "m", new_cluster: { spark_conf: { "fs.azure.sas": "{{secrets/a/b}}" } } },
        ],
        tasks: [
          {
            task_key: "t",
            spark_python_task: { parameters: ["--pw", "{{secrets/a/c}} and {{secrets/some-kv-scope/x}}"] },
          },
        ],
      },
    };
    expect(secretReferencesOf("job", job).map((r) => `${r.field} ${r.scope}/${r.key}`)).toEqual([
      'settings.job_clusters[0].new_cluster.spark_conf["fs.azure.sas"] a/b',
      "settings.tasks[0].spark_python_task.parameters[1] a/c",
      "settings.tasks[0].spark_python_task.parameters[1] some-kv-scope/x",
    ]);
    const policy = {
      id: "P",
      definition: JSON.stringify({
        "spark_env_vars.PW": { type: "fixed", value: "{{secrets/some-kv-scope/gone}}" },
      }),
    };
    expect(missingSecretReferences("cluster-policy", policy, [recordedScope])).toEqual([
      expect.stringMatching(
        /^definition\["spark_env_vars\.PW"\]\.value references \{\{secrets\/some-kv-scope\/gone\}\}: .*no key "gone"/,
      ),
    ]);
  });

  it("when secret scopes were not exported, the references are said to be unchecked, not passed over", () => {
    const d = { id: "c", spec: { spark_conf: { a: "{{secrets/s/k}}" } } };
    expect(missingSecretReferences("cluster", d, undefined)).toEqual([
      "1 secret reference(s) (spec.spark_conf.a {{secrets/s/k}}, ...) cannot be checked: secret scopes were not exported",
    ]);
  });

  it("the recorded DLT pipeline's reference, checked as the pipeline's own field", () => {
    const d = normalizePipeline(fixture("get-dlt-pipeline.json"));
    expect(missingSecretReferences("pipeline", d, [recordedScope])).toEqual([
      'settings.clusters[0].spark_conf["fs.azure.account.oauth2.client.secret"] references {{secrets/some-kv-scope/test-secret}}: secret scope "some-kv-scope" has no key "test-secret" in the snapshot; add the key in the primary and export again, or fix the reference',
    ]);
  });
});
