/**
 * The `pipeline` kind on the recorded pipelines/get body (tests/fixtures/databricks-api/get-dlt-pipeline.json):
 * it validates, names what it references, and maps to Pipeline args the provider's .d.ts declares. Expected
 * values are read off the fixture and the provider's argument names, not off the mapping.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { KINDS } from "../../kinds/registry";
import { normalizePipeline, pipelineExporter } from "../../kinds/pipeline/exporter";
import type { ExportContext } from "../../exporters/types";
import { pipelineArgs } from "../../kinds/pipeline/mapping";
import { PipelineDescriptor, pipelineReferences, pipelineSchema } from "../../kinds/pipeline/schema";
import { jobSettings } from "../../kinds/job/mapping";
import { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { JobDescriptor } from "../../kinds/job/schema";
import { getAtPath, setAtPath } from "../../kinds/field-path";

const FIXTURES = path.join(__dirname, "../fixtures/databricks-api");
const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, "get-dlt-pipeline.json"), "utf8"));
const PIPELINE = "databricks:index/pipeline:Pipeline";

/** The secondary's ids of what the fixture names (pool 123, the user). */
const secondary: Record<string, string> = {
  "instance-pool:123": "pool-secondary",
  "user:user@domain.com": "user@domain.com",
  "pipeline:123": "pipe-secondary",
};
const resolve: Resolver = (ref) => {
  const v = secondary[`${ref.kind}:${ref.id}`];
  return v === undefined ? { missing: "not replicated" } : { value: v };
};

const fixture = (): PipelineDescriptor => pipelineSchema.parse(normalizePipeline(raw));

describe("the recorded pipeline", () => {
  it("validates with the pipeline_id as its stable id, spec kept without id and name", () => {
    const d = fixture();
    expect(d.id).toBe(raw.pipeline_id);
    expect(d.name).toBe(raw.spec.name);
    expect(d.runAs).toBe(raw.run_as_user_name);
    expect(d.settings.id).toBeUndefined();
    expect(d.settings.continuous).toBe(true);
    expect(KINDS.pipeline.schema.safeParse(d).success).toBe(true);
  });

  it("is validated deeply: a wrong type or an ambiguous library is refused, naming the field", () => {
    const bad = structuredClone(fixture());
    setAtPath(bad, "settings.clusters[0].num_workers", "two");
    const r = pipelineSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["settings", "clusters", 0, "num_workers"]);
    const two = structuredClone(fixture());
    (two.settings.libraries as Record<string, unknown>[])[0].file = { path: "/x" };
    expect(pipelineSchema.safeParse(two).success).toBe(false);
    const both = structuredClone(fixture());
    both.settings.schema = "s";
    expect(pipelineSchema.safeParse(both).success).toBe(false);
  });

  it("references its pools, init scripts, notebook, file and run-as user", () => {
    const refs = pipelineReferences(fixture()).map((r) => `${r.kind}:${r.id}@${r.field}`);
    expect(refs.sort()).toEqual(
      [
        "instance-pool:123@settings.clusters[0].instance_pool_id",
        "instance-pool:123@settings.clusters[0].driver_instance_pool_id",
        "dbfs-file:dbfs:/FileStore/jars/test.jar@settings.clusters[0].init_scripts[0].dbfs.destination",
        "workspace-file:/init.sh@settings.clusters[0].init_scripts[1].workspace.destination",
        "notebook:/Users/user@domain.com/Test DLT@settings.libraries[0].notebook.path",
        "workspace-file:/Repos/user@domain.com/repo/Test DLT@settings.libraries[1].file.path",
        "user:user@domain.com@runAs",
      ].sort(),
    );
  });
});

describe("the target catalog and schema", () => {
  /** An export context whose client answers the recorded body published to Unity Catalog `sales.test`. */
  const ctx = (schemas: { id: string; fullName: string }[]) =>
    ({
      client: { get: async () => ({ ...raw, spec: { ...raw.spec, catalog: "sales" } }) },
      included: (k: string) => k === "uc-schema",
      results: async () => schemas,
    }) as unknown as ExportContext;

  it("references the catalog by name and the exported schema by its id", async () => {
    const d = await pipelineExporter.read(ctx([{ id: "schema-7", fullName: "sales.test" }]), {
      id: "123",
      entry: {},
    });
    expect(pipelineSchema.parse(d).schemaId).toBe("schema-7");
    const refs = pipelineReferences(d!);
    expect(refs).toContainEqual({ kind: "uc-catalog", id: "sales", field: "settings.catalog" });
    expect(refs).toContainEqual({ kind: "uc-schema", id: "schema-7", field: "schemaId" });
  });

  it("names no schema the export did not hold", async () => {
    const d = await pipelineExporter.read(ctx([{ id: "other", fullName: "sales.other" }]), {
      id: "123",
      entry: {},
    });
    expect(d!.schemaId).toBeUndefined();
  });
});

describe("mapping to Pipeline args", () => {
  it("gives args the provider declares, pools remapped, AWS attributes dropped and named", () => {
    const m = pipelineArgs(fixture(), { activation: false, resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(checkResourceInputs(PIPELINE, m.args as Record<string, unknown>)).toEqual([]);
    const a = (p: string) => getAtPath(m.args, p);
    expect(a("name")).toBe("Test DLT");
    expect(a("clusters[0].instancePoolId")).toBe("pool-secondary");
    expect(a("clusters[0].driverInstancePoolId")).toBe("pool-secondary");
    expect(a("clusters[0].numWorkers")).toBe(1);
    expect(a("clusters[0].awsAttributes")).toBeUndefined();
    expect(a("clusters[0].sparkConf")).toEqual(raw.spec.clusters[0].spark_conf);
    expect(a("libraries[0].notebook.path")).toBe(raw.spec.libraries[0].notebook.path);
    expect(a("libraries[1].file.path")).toBe(raw.spec.libraries[1].file.path);
    expect(a("notifications[0].emailRecipients")).toEqual(["user@domain.com"]);
    expect(a("notifications[0].alerts")).toEqual(raw.spec.notifications[0].alerts);
    expect(a("target")).toBe("test");
    expect(a("storage")).toBe(raw.spec.storage);
    expect(a("development")).toBe(true);
    expect(a("runAs")).toEqual({ userName: "user@domain.com" });
    expect(m.notes.join("\n")).toContain(
      "settings.clusters[0].aws_attributes (instance_profile_arn) dropped",
    );
  });

  it("creates a continuous pipeline triggered while passive and restores it on activation", () => {
    const passive = pipelineArgs(fixture(), { activation: false, resolve });
    const active = pipelineArgs(fixture(), { activation: true, resolve });
    if (!passive.ok || !active.ok) throw new Error("skipped");
    expect(passive.args.continuous).toBe(false);
    expect(active.args.continuous).toBe(true);
    const cron = structuredClone(fixture());
    cron.settings.continuous = false;
    cron.settings.trigger = { cron: { quartz_cron_schedule: "0 0 * * * ?", timezone_id: "UTC" } };
    const p = pipelineArgs(cron, { activation: false, resolve });
    const a = pipelineArgs(cron, { activation: true, resolve });
    if (!p.ok || !a.ok) throw new Error("skipped");
    expect(p.args.trigger).toEqual({ manual: {} });
    expect(a.args.trigger).toEqual({ cron: { quartzCronSchedule: "0 0 * * * ?", timezoneId: "UTC" } });
    expect(checkResourceInputs(PIPELINE, p.args as Record<string, unknown>)).toEqual([]);
  });

  it("is skipped when its pool is not in the secondary (the id would be the primary's)", () => {
    const m = pipelineArgs(fixture(), { activation: false, resolve: () => ({ missing: "not replicated" }) });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.skip).toContain('instance-pool "123"');
  });

  it("rewrites volume and abfss library paths through the storage map, naming what it does not cover", () => {
    const d = structuredClone(fixture());
    d.settings.libraries = [
      { glob: { include: "/Volumes/sales/raw/code/**" } },
      { jar: "abfss://libs@primaryacct.dfs.core.windows.net/dlt/x.jar" },
      { whl: "abfss://libs@otheracct.dfs.core.windows.net/y.whl" },
    ];
    const m = pipelineArgs(d, {
      activation: false,
      resolve,
      port: {
        storage: { catalogs: { sales: "sales_dr" }, accounts: { primaryacct: "secondaryacct" } },
        nodeTypes: {},
      },
    });
    if (!m.ok) throw new Error(m.skip);
    expect(getAtPath(m.args, "libraries[0].glob.include")).toBe("/Volumes/sales_dr/raw/code/**");
    expect(getAtPath(m.args, "libraries[1].jar")).toBe(
      "abfss://libs@secondaryacct.dfs.core.windows.net/dlt/x.jar",
    );
    expect(getAtPath(m.args, "libraries[2].whl")).toBe("abfss://libs@otheracct.dfs.core.windows.net/y.whl");
    expect(m.notes.join("\n")).toContain("settings.libraries[2].whl");
  });
});

describe("a plaintext credential in the settings", () => {
  // Built at run time: nothing credential-shaped is committed.
  const PAT = "dapi" + "7c".repeat(16);

  it("makes the argument holding it a Pulumi secret, the others plain", async () => {
    const d = structuredClone(fixture());
    d.settings.configuration = { "spark.databricks.service.token": PAT };
    const m = pipelineArgs(d, { activation: false, resolve });
    if (!m.ok) throw new Error(m.skip);
    const secret = (v: unknown) =>
      pulumi.Output.isInstance(v) ? (v as unknown as { isSecret: Promise<boolean> }).isSecret : false;
    expect(await secret(m.args.configuration)).toBe(true);
    expect(await secret(m.args.clusters)).toBe(false);
    expect(await secret(m.args.libraries)).toBe(false);
  });
});

describe("a job with a pipeline task", () => {
  const job = (pipelineId: string): JobDescriptor => ({
    id: "7",
    name: "refresh",
    settings: { name: "refresh", tasks: [{ task_key: "dlt", pipeline_task: { pipeline_id: pipelineId } }] },
    originalPause: {},
  });

  it("references the pipeline and gets the secondary's pipeline id", () => {
    expect(KINDS.job.references(job("123"))).toContainEqual({
      kind: "pipeline",
      id: "123",
      field: "settings.tasks[0].pipeline_task.pipeline_id",
    });
    const m = jobSettings(job("123"), { activation: false, resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(getAtPath(m.args, "tasks[0].pipeline_task.pipeline_id")).toBe("pipe-secondary");
  });

  it("is skipped when its pipeline is not in the secondary", () => {
    const m = jobSettings(job("gone"), { activation: false, resolve });
    expect(m.ok).toBe(false);
  });
});
