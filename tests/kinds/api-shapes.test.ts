/**
 * Descriptors are validated deeply: inside job settings, cluster/pool/warehouse specs, policy definitions
 * and ACLs, every field the stack or verify reads has the type the REST API documents; unknown fields are
 * kept. Expectations come from outside the schemas: the recorded API bodies (tests/fixtures/databricks-api)
 * must parse, the documented wrong types must not.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { KINDS } from "../../kinds/registry";
import { readSnapshot } from "../../snapshot/reader";
import { issuePath } from "../../snapshot/errors";
import { cluster, grant, job, permissions, removeWrittenSnapshots } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { resealSnapshot } from "../../snapshot/seal";
import { canonicalJson } from "../../snapshot/canonical-json";

/** The fields the edits below reach into, on a descriptor read back as JSON. */
type Item = { settings: Record<string, unknown>; spec: Record<string, unknown>; acl: { level: string }[] };

afterAll(removeWrittenSnapshots);

const FIXTURES = path.resolve(__dirname, "../fixtures/databricks-api");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

/** The first issue of parsing `d` as a descriptor of `kind`: "path: message", or "ok". */
function check(kind: keyof typeof KINDS, d: unknown): string {
  const r = (KINDS[kind].schema as z.ZodType).safeParse(d);
  return r.success ? "ok" : `${issuePath(r.error.issues[0])}: ${r.error.issues[0].message}`;
}

const jobWith = (settings: Record<string, unknown>) => ({ id: "1", name: "j", settings, originalPause: {} });
const clusterWith = (spec: Record<string, unknown>) => ({ ...cluster("c1", "c"), spec });

describe("recorded API bodies are valid descriptor content", () => {
  it.each(["get-job-12.json", "get-job-14.json", "get-job-15.json"])("job settings of %s", (f) => {
    expect(check("job", jobWith(fixture(f).settings))).toBe("ok");
  });
  it.each(["get-cluster-test1-response.json", "get-cluster-awscluster-response.json"])(
    "cluster spec of %s",
    (f) => {
      expect(check("cluster", clusterWith(fixture(f)))).toBe("ok");
    },
  );
  it("the SQL warehouse of get-sql-endpoint.json", () => {
    expect(check("sql-warehouse", { id: "w", name: "w", spec: fixture("get-sql-endpoint.json") })).toBe("ok");
  });
  it("the cluster libraries of libraries-cluster-status-test1.json", () => {
    const libs = fixture("libraries-cluster-status-test1.json").library_statuses.map(
      (s: { library: unknown }) => s.library,
    );
    expect(check("cluster", { ...cluster("c1", "c"), libraries: libs })).toBe("ok");
  });
});

describe("wrong types inside settings are refused, naming the field", () => {
  it("job settings", () => {
    expect(check("job", jobWith({ tasks: "notalist" }))).toMatch(/^settings\.tasks: .*expected array/);
    expect(check("job", jobWith({ tasks: [{ task_key: 3 }] }))).toMatch(/^settings\.tasks\[0\]\.task_key: /);
    expect(check("job", jobWith({ max_concurrent_runs: "1" }))).toMatch(/^settings\.max_concurrent_runs: /);
    expect(
      check(
        "job",
        jobWith({
          schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "SOMETIMES" },
        }),
      ),
    ).toMatch(/^settings\.schedule\.pause_status: /);
    expect(
      check("job", jobWith({ tasks: [{ task_key: "a", notebook_task: { notebook_path: ["/x"] } }] })),
    ).toMatch(/^settings\.tasks\[0\]\.notebook_task\.notebook_path: /);
    expect(check("job", jobWith({ tasks: [{ task_key: "a", run_job_task: { job_id: "twelve" } }] }))).toMatch(
      /^settings\.tasks\[0\]\.run_job_task\.job_id: /,
    );
    expect(
      check("job", jobWith({ job_clusters: [{ job_cluster_key: "k", new_cluster: { num_workers: -1 } }] })),
    ).toMatch(/^settings\.job_clusters\[0\]\.new_cluster\.num_workers: /);
    const nested = { task_key: "in", new_cluster: { spark_conf: { a: 1 } } };
    expect(
      check("job", jobWith({ tasks: [{ task_key: "a", for_each_task: { inputs: "[1]", task: nested } }] })),
    ).toMatch(/^settings\.tasks\[0\]\.for_each_task\.task\.new_cluster\.spark_conf\.a: /);
  });

  it("cluster, pool, warehouse and policy specs", () => {
    expect(check("cluster", clusterWith({ spark_version: "15.4.x", num_workers: "two" }))).toMatch(
      /^spec\.num_workers: .*expected number/,
    );
    expect(check("cluster", clusterWith({ autoscale: { min_workers: 1.5 } }))).toMatch(
      /^spec\.autoscale\.min_workers: /,
    );
    expect(check("cluster", clusterWith({ init_scripts: [{ dbfs: { destination: 7 } }] }))).toMatch(
      /^spec\.init_scripts\[0\]\.dbfs\.destination: /,
    );
    expect(check("cluster", { ...cluster("c1", "c"), libraries: [{ jar: true }] })).toMatch(
      /^libraries\[0\]\.jar: /,
    );
    expect(check("instance-pool", { id: "p", name: "p", spec: { min_idle_instances: "0" } })).toMatch(
      /^spec\.min_idle_instances: /,
    );
    expect(check("sql-warehouse", { id: "w", name: "w", spec: { auto_stop_mins: "10" } })).toMatch(
      /^spec\.auto_stop_mins: /,
    );
    expect(check("sql-warehouse", { id: "w", name: "w", spec: { auto_resume: "yes" } })).toMatch(
      /^spec\.auto_resume: /,
    );
    expect(check("cluster", clusterWith({ disk_spec: { disk_count: "1" } }))).toMatch(
      /^spec\.disk_spec\.disk_count: /,
    );
    expect(check("sql-warehouse", { id: "w", name: "w", spec: { warehouse_type: "HUGE" } })).toMatch(
      /^spec\.warehouse_type: /,
    );
    expect(check("cluster-policy", { id: "p", name: "p", definition: "{not json" })).toMatch(
      /^definition: is not a JSON document/,
    );
    expect(check("cluster-policy", { id: "p", name: "p", definition: '{"a":{"type":"magic"}}' })).toMatch(
      /^definition: rule "a" has type "magic"/,
    );
  });

  it("unknown extra fields are kept as they are", () => {
    const settings = {
      name: "j",
      tasks: [{ task_key: "a", brand_new_task_field: { x: 1 } }],
      new_top_level: [1],
    };
    const r = KINDS.job.schema.parse(jobWith(settings));
    expect(r.settings).toEqual(settings);
    const spec = { spark_version: "15.4.x", future_field: "kept", azure_attributes: { new_knob: 3 } };
    expect(KINDS.cluster.schema.parse(clusterWith(spec)).spec).toEqual(spec);
  });
});

describe("permission levels are those the Permissions API documents per object type", () => {
  it("refuses a level no object type has", () => {
    expect(check("permissions", permissions("jobs", "1", [grant("user", "a@b.c", "GOD_MODE")]))).toMatch(
      /^acl\[0\]\.level: "GOD_MODE" is not a permission level of jobs/,
    );
  });
  it.each([
    ["jobs", "CAN_RESTART"],
    ["clusters", "CAN_RUN"],
    ["cluster-policies", "CAN_MANAGE"],
    ["notebooks", "IS_OWNER"],
    ["authorization/passwords", "CAN_MANAGE"],
  ] as const)("refuses on %s the level %s of another type", (type, level) => {
    expect(check("permissions", permissions(type, "x", [grant("group", "g", level)]))).toMatch(
      /^acl\[0\]\.level: /,
    );
  });
  it.each([
    ["jobs", "IS_OWNER"],
    ["jobs", "CAN_MANAGE_RUN"],
    ["clusters", "CAN_RESTART"],
    ["instance-pools", "CAN_ATTACH_TO"],
    ["sql/warehouses", "CAN_MONITOR"],
    ["directories", "CAN_EDIT"],
    ["authorization/tokens", "CAN_USE"],
  ] as const)("accepts on %s the level %s", (type, level) => {
    expect(check("permissions", permissions(type, "x", [grant("group", "g", level)]))).toBe("ok");
  });
  it("accepts every level of the recorded permission bodies", () => {
    const files: [string, string][] = [
      ["get-job-permissions-14.json", "jobs"],
      ["get-cluster-permissions-test1-response.json", "clusters"],
      ["get-cluster-policy-permissions.json", "cluster-policies"],
      ["get-instance-pool1-permissions.json", "instance-pools"],
      ["get-notebook-permissions.json", "notebooks"],
      ["get-directory-permissions.json", "directories"],
      ["get-repo-permissions.json", "repos"],
      ["get-sql-endpoint-permissions.json", "sql/warehouses"],
      ["get-tokens-permissions.json", "authorization/tokens"],
      ["get-workspace-file-permissions.json", "files"],
    ];
    for (const [f, type] of files) {
      const levels = new Set<string>();
      for (const e of fixture(f).access_control_list)
        for (const p of e.all_permissions)
          // get-directory-permissions.json spells one key "Permission_level" (a recorded quirk).
          if (p.permission_level) levels.add(p.permission_level);
      const acl = [...levels].map((l) => grant("group", "g", l));
      expect([f, check("permissions", permissions(type as never, "x", acl))]).toEqual([f, "ok"]);
    }
  });
});

describe("the snapshot read refuses them, naming file, object and field", () => {
  it.each([
    [
      "job",
      (d: Item) => {
        d.settings.tasks = "notalist";
      },
      /field settings\.tasks/,
    ],
    [
      "cluster",
      (d: Item) => {
        d.spec.num_workers = "two";
      },
      /field spec\.num_workers/,
    ],
    [
      "permissions",
      (d: Item) => {
        d.acl[0].level = "GOD_MODE";
      },
      /field acl\[0\]\.level/,
    ],
  ] as const)("%s", (kind, edit, field) => {
    const dir = sampleWorld().write();
    const file = path.join(dir, `descriptors/${kind}.json`);
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(doc.items[0]);
    fs.writeFileSync(file, canonicalJson(doc));
    resealSnapshot(dir);
    expect(() => readSnapshot(dir)).toThrow(
      new RegExp(`^descriptors/${kind}\\.json, object "[^"]+", ${field.source}`),
    );
  });
});

// job() is the builder's own: a job it makes must pass, as every fixture in the other tests relies on it.
it("the snapshot builder's job() makes a valid job", () => {
  expect(check("job", job(1, "x", { tasks: [{ task_key: "a", existing_cluster_id: "c" }] }))).toBe("ok");
});
