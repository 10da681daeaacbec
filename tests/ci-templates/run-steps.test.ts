import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { passiveSecondary as passiveSecondaryOf } from "../helpers/passive-secondary";
import { ROOT, run } from "../cli/helpers";
import {
  AzureRun,
  GitHubRun,
  loadTemplate,
  makeWorkspace,
  originHead,
  pulumiCalls,
  StepResult,
  Workspace,
} from "./harness";

/**
 * The templates' shell steps, executed: taken from the YAML, run in bash the way each runner runs them,
 * against emulators of the primary and the secondary, with stubs for `az` (the login session) and `pulumi`.
 */
// Each test runs a dozen CLI commands in child processes: minutes on a loaded 2-core machine.
jest.setTimeout(300_000);

const TOKEN = "ci-template-test-token";
const SNAPSHOT_DIR = "dr-snapshot/primary";

const passiveSecondary = () => passiveSecondaryOf(TOKEN);

async function closedPortUrl(): Promise<string> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

function failed(r: StepResult | undefined): { step?: string; code?: number | null } {
  return r ? { step: r.name, code: r.code } : {};
}

const corrupt = (ws: Workspace) => fs.rmSync(path.join(ws.repo, SNAPSHOT_DIR, "descriptors", "job.json"));

describe("GitHub Actions template, executed", () => {
  const wf = loadTemplate("github/dr-sync.yml");
  const primary = useEmulator(() => startEmulator({ workspace: "sample", token: TOKEN }));
  const secondary = useEmulator(passiveSecondary);
  const gh = async (primaryUrl: string, env: NodeJS.ProcessEnv = {}) => {
    const ws = await makeWorkspace({ token: TOKEN, secondaryUrl: secondary.emu.url });
    Object.assign(ws.env, env);
    const runner = new GitHubRun(wf, ws, {
      vars: { PRIMARY_DATABRICKS_HOST: primaryUrl, SECONDARY_DATABRICKS_HOST: secondary.emu.url },
      secrets: {
        PULUMI_ACCESS_TOKEN: "pulumi-test-token",
        AZURE_CLIENT_ID: "c",
        AZURE_TENANT_ID: "t",
        AZURE_SUBSCRIPTION_ID: "s",
      },
    });
    return { ws, runner };
  };

  it("export → check → commit → preview → up → verify: every step passes, pulumi called as documented", async () => {
    const { ws, runner } = await gh(primary.emu.url);
    expect(failed(await runner.job("export"))).toEqual({});
    expect(runner.output("export", "changed")).toBe("true");
    expect(runner.output("export", "sha")).toBe(originHead(ws));
    expect(fs.existsSync(path.join(ws.repo, SNAPSHOT_DIR, "manifest.json"))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(ws.repo, "export-summary.json"), "utf8")).out).toBeDefined();
    for (const job of ["preview", "up", "verify"])
      expect({ job, ...failed(await runner.job(job)) }).toEqual({ job });
    expect(pulumiCalls(ws)).toEqual([
      "preview --stack secondary --diff | token:set",
      "up --stack secondary --yes | token:set",
    ]);
    expect(fs.existsSync(path.join(ws.repo, "dr-report", "report.md"))).toBe(true);
  });

  it("a failed export fails its step (pipefail through `| tee`), and nothing is committed", async () => {
    const { ws, runner } = await gh(await closedPortUrl());
    const before = originHead(ws);
    const r = await runner.job("export");
    expect(failed(r)).toEqual({ step: "Export the primary workspace", code: 1 });
    expect(r!.stderr).toMatch(/^databricks-dr: cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused$/m);
    expect(runner.results.map((x) => x.name)).not.toContain("Commit the snapshot");
    expect(originHead(ws)).toBe(before);
  });

  it("a primary that lost a kind stops the export (exit 3) until DATABRICKS_DR_ALLOW_SHRINK gives a reason", async () => {
    const shrinking = await startEmulator({ workspace: "sample", token: TOKEN });
    try {
      const { ws, runner } = await gh(shrinking.url);
      expect(failed(await runner.job("export"))).toEqual({});
      const committed = originHead(ws);
      shrinking.state.jobs.clear();
      expect(failed(await runner.job("export"))).toEqual({
        step: "Export the primary workspace",
        code: 3,
      });
      expect(originHead(ws)).toBe(committed);
      runner.context.vars.DATABRICKS_DR_ALLOW_SHRINK = "jobs moved to another workspace (reviewed)";
      expect(failed(await runner.job("export"))).toEqual({});
      expect(originHead(ws)).not.toBe(committed);
    } finally {
      await shrinking.close();
    }
  });

  it("the same export step under GitHub's default shell (bash -e, no pipefail) would have passed", async () => {
    // Why `defaults.run.shell: bash` is there: proof the harness tells the two apart.
    const { runner } = await gh(await closedPortUrl());
    const noDefaults = { ...wf, defaults: undefined };
    const r = await new GitHubRun(noDefaults, runner.ws, runner.context).job("export");
    expect(r?.name).not.toBe("Export the primary workspace");
  });

  it("a failed check or preview fails the preview job; a secondary that differs fails verify", async () => {
    const { ws, runner } = await gh(primary.emu.url);
    expect(failed(await runner.job("export"))).toEqual({});
    ws.env.PULUMI_STUB_EXIT = "1";
    expect(failed(await runner.job("preview"))).toEqual({
      step: "Preview what the secondary lacks",
      code: 1,
    });
    delete ws.env.PULUMI_STUB_EXIT;
    fs.rmSync(ws.pulumiLog);
    corrupt(ws);
    expect(failed(await runner.job("preview"))).toEqual({
      step: "Check the snapshot the stack will read",
      code: 2,
    });
    expect(pulumiCalls(ws)).toEqual([]);
    await run("git", ["checkout", "--", SNAPSHOT_DIR], { cwd: ws.repo, env: ws.env });
    // The primary as the secondary: its schedules are not paused, as a passive secondary's must be.
    runner.context.vars.SECONDARY_DATABRICKS_HOST = primary.emu.url;
    expect(failed(await runner.job("verify"))).toEqual({
      step: "Verify (fails the run on an unexpected difference)",
      code: 1,
    });
  });
});

describe("Azure Pipelines template, executed", () => {
  const p = loadTemplate("azure-pipelines/dr-sync.yml");
  const primary = useEmulator(() => startEmulator({ workspace: "sample", token: TOKEN }));
  const secondary = useEmulator(passiveSecondary);
  const az = async (primaryUrl: string) => {
    const ws = await makeWorkspace({ token: TOKEN, secondaryUrl: secondary.emu.url });
    const staging = path.join(path.dirname(ws.repo), "staging");
    fs.mkdirSync(staging);
    const runner = new AzureRun(p, ws, {
      PULUMI_ACCESS_TOKEN: "pulumi-test-token",
      PULUMI_ORG: "contoso",
      PRIMARY_DATABRICKS_HOST: primaryUrl,
      SECONDARY_DATABRICKS_HOST: secondary.emu.url,
      DR_APPROVERS: "x@example.invalid",
      "Build.SourceBranchName": "main",
      "Build.SourceBranch": "refs/heads/main",
      "Build.ArtifactStagingDirectory": staging,
      "Build.Reason": "Schedule",
    });
    return { ws, runner, staging };
  };

  it("every script step starts with set -euo pipefail", () => {
    const scripts: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        for (const k of ["script", "bash"]) if (typeof o[k] === "string") scripts.push(o[k] as string);
        if (o.task === "AzureCLI@2") scripts.push(String((o.inputs as Record<string, unknown>).inlineScript));
        Object.values(o).forEach(walk);
      }
    };
    walk(p.stages);
    expect(scripts.length).toBeGreaterThan(8);
    for (const s of scripts) expect(s).toMatch(/^set -euo pipefail\n/);
  });

  it("Export → check → commit → Preview → Up → Verify: every step passes, pulumi called inside az's session", async () => {
    const { ws, runner, staging } = await az(primary.emu.url);
    for (const stage of ["Export", "Preview", "Up", "Verify"])
      expect({ stage, ...failed(await runner.stageRun(stage)) }).toEqual({ stage });
    expect(runner.output("Export.export.commit.changed")).toBe("true");
    expect(runner.output("Export.export.commit.sha")).toBe(originHead(ws));
    expect(pulumiCalls(ws)).toEqual([
      "preview --stack contoso/secondary --diff | token:set",
      "up --stack contoso/secondary --yes | token:set",
    ]);
    expect(fs.existsSync(path.join(staging, "dr-report", "report.md"))).toBe(true);
    // The Databricks provider authenticates through the az session of the step pulumi runs in (README).
    const stepsOf = (stage: string) =>
      (
        p.stages as {
          stage: string;
          jobs: { steps?: unknown[]; strategy?: { runOnce: { deploy: { steps: unknown[] } } } }[];
        }[]
      )
        .find((s) => s.stage === stage)!
        .jobs.flatMap((j) => j.steps ?? j.strategy?.runOnce.deploy.steps ?? []) as {
        task?: string;
        inputs?: Record<string, string>;
      }[];
    for (const [stage, cmd] of [
      ["Preview", "preview"],
      ["Up", "up"],
    ]) {
      const step = stepsOf(stage).find((s) =>
        new RegExp(`pulumi ${cmd} `).test(s.inputs?.inlineScript ?? ""),
      );
      expect({ stage, task: step?.task, sub: step?.inputs?.azureSubscription }).toEqual({
        stage,
        task: "AzureCLI@2",
        sub: "$(azureServiceConnection)",
      });
    }
    const readme = fs.readFileSync(path.join(ROOT, "ci-templates", "README.md"), "utf8");
    expect(readme).toMatch(/databricksAuthType`? (to|is) `azure-cli`/);
  });

  it("a failed export fails the Export stage, and nothing is committed", async () => {
    const { ws, runner } = await az(await closedPortUrl());
    const before = originHead(ws);
    const r = await runner.stageRun("Export");
    expect(failed(r)).toEqual({ step: "Export the primary workspace", code: 1 });
    expect(runner.results.map((x) => x.name)).not.toContain("Commit the snapshot");
    expect(originHead(ws)).toBe(before);
  });

  it("a failed check or preview fails the Preview stage; a secondary that differs fails verify", async () => {
    const { ws, runner } = await az(primary.emu.url);
    expect(failed(await runner.stageRun("Export"))).toEqual({});
    ws.env.PULUMI_STUB_EXIT = "1";
    expect(failed(await runner.stageRun("Preview"))).toEqual({
      step: "Preview what the secondary lacks",
      code: 1,
    });
    delete ws.env.PULUMI_STUB_EXIT;
    fs.rmSync(ws.pulumiLog);
    corrupt(ws);
    expect(failed(await runner.stageRun("Preview"))).toEqual({
      step: "Check the snapshot the stack will read",
      code: 2,
    });
    expect(pulumiCalls(ws)).toEqual([]);
    await run("git", ["checkout", "--", SNAPSHOT_DIR], { cwd: ws.repo, env: ws.env });
    runner.variables.SECONDARY_DATABRICKS_HOST = primary.emu.url;
    expect(failed(await runner.stageRun("Verify"))).toEqual({
      step: "Verify (fails the run on an unexpected difference)",
      code: 1,
    });
  });
});
