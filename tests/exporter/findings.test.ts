import * as fs from "node:fs";
import * as path from "node:path";
import { redact } from "../../client/redact";
import { summaryJson, summaryTable } from "../../exporters/report";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { descriptors, emulator, exportOnce, manifest, readTree, tmpDir, TOKEN } from "./helpers";

// Credential shapes built at run time (nothing credential-shaped is committed).
const PAT = "dapi" + "5c".repeat(16);
const ACCOUNT_KEY = "Qk9n".repeat(21) + "ab==";
const PASSWORD = "Tr0ub4dor&3-" + "x".repeat(6);
const NOTEBOOK_TOKEN = "dapi" + "e1".repeat(16);
type Obj = Record<string, unknown>;

describe("plaintext credentials are findings: where, never the value, with the fix", () => {
  const ctx = useEmulator(() => emulator(), "test");

  /** Puts credentials where people put them: Spark conf, env vars, job parameters, a notebook. */
  function plant() {
    const state = ctx.emu.state;
    const cluster = [...state.clusters.values()].find((c) => c.cluster_source !== "JOB")!;
    for (const target of [cluster, cluster.spec as Obj].filter(Boolean)) {
      target.spark_conf = {
        ...(target.spark_conf as Obj),
        "fs.azure.account.key.acct.dfs.core.windows.net": ACCOUNT_KEY,
      };
      target.spark_env_vars = { ...(target.spark_env_vars as Obj), API_TOKEN: PAT };
    }
    const job = [...state.jobs.values()][0];
    const settings = job.settings as Obj;
    settings.parameters = [{ name: "db_password", default: PASSWORD }];
    const nb = [...state.tree.walk("/")].find((n) => n.object_type === "NOTEBOOK")!;
    nb.content = Buffer.from(`# Databricks notebook source\nclient.login(token="${NOTEBOOK_TOKEN}")\n`);
    delete nb.gen;
    nb.modified_at = state.now();
    return { cluster: String(cluster.cluster_id), job: String(job.job_id), notebook: nb.path };
  }

  it("lists them in the manifest and the summaries; no value reaches manifest, --json or the table", async () => {
    const where = plant();
    const out = path.join(tmpDir(), "snap");
    const s = await exportOnce(ctx.emu, out);
    const fields = manifest(out).findings.map((f: Obj) => `${f.kind} ${f.id} ${f.field} ${f.type}`);
    expect(fields).toEqual([
      `cluster ${where.cluster} spec.spark_conf["fs.azure.account.key.acct.dfs.core.windows.net"] storage-account-key`,
      `cluster ${where.cluster} spec.spark_env_vars.API_TOKEN databricks-token`,
      `job ${where.job} settings.parameters[0].default password-like-key`,
      `notebook ${where.notebook} content:2 databricks-token`,
    ]);
    for (const f of manifest(out).findings) expect(f.fix).toMatch(/secret scope/);
    expect(s.findings).toEqual(manifest(out).findings);
    const leaving = [
      fs.readFileSync(path.join(out, "manifest.json"), "utf8"),
      summaryJson(s),
      summaryTable(s),
    ];
    for (const text of leaving)
      for (const v of [PAT, ACCOUNT_KEY, PASSWORD, NOTEBOOK_TOKEN]) expect(text).not.toContain(v);
    expect(summaryTable(s)).toMatch(/credentials in plain text: 4/);
    // The table is printed through the one redaction: a finding's type survives it (`API_TOKEN: x` would not).
    const printed = redact(summaryTable(s)).split("\n");
    for (const f of manifest(out).findings as Obj[])
      expect(printed.find((l) => l.includes(`${f.id} ${f.field}`))).toContain(String(f.type));
  });

  it("this tool's own token never reaches a descriptor; where it was is a finding", async () => {
    const job = [...ctx.emu.state.jobs.values()][1];
    (job.settings as Obj).parameters = [{ name: "api", default: TOKEN }];
    const out = path.join(tmpDir(), "snap");
    const s = await exportOnce(ctx.emu, out);
    const text = [...readTree(out).values()].map((b) => b.toString("latin1")).join("\n");
    expect(text).not.toContain(TOKEN);
    expect(descriptors(out, "job").find((d) => d.id === String(job.job_id)).settings.parameters).toEqual([
      { name: "api", default: "***" },
    ]);
    expect(s.findings.map((f) => [f.kind, f.id, f.field, f.type])).toEqual([
      ["job", String(job.job_id), "settings.parameters[0].default", "databricks-token"],
    ]);
  });

  it("an incremental run keeps a reused notebook's findings without reading it again", async () => {
    const where = plant();
    const out = path.join(tmpDir(), "snap");
    await exportOnce(ctx.emu, out);
    ctx.emu.resetStats();
    const s = await exportOnce(ctx.emu, out);
    expect(s.incremental).toBe(true);
    expect(ctx.emu.stats().byEndpoint["GET /api/2.0/workspace/export"] ?? 0).toBe(0);
    expect(s.findings.filter((f) => f.kind === "notebook").map((f) => [f.id, f.field])).toEqual([
      [where.notebook, "content:2"],
    ]);
  });
});
