import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";

const root = path.join(__dirname, "..", "..", "ci-templates");

function load(rel: string): Record<string, unknown> {
  const doc = parseDocument(fs.readFileSync(path.join(root, rel), "utf8"));
  expect(doc.errors).toEqual([]);
  return doc.toJS() as Record<string, unknown>;
}

/** Every string in the document with its dotted path. */
function strings(v: unknown, at = ""): [string, string][] {
  if (typeof v === "string") return [[at, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`));
  if (v && typeof v === "object")
    return Object.entries(v).flatMap(([k, x]) => strings(x, at ? `${at}.${k}` : k));
  return [];
}

/** Every `env` / `with` / `inputs` setting whose name says it is a credential, with its value. */
function credentialSettings(v: unknown): [string, string][] {
  return strings(v).filter(([p]) =>
    /(^|\.)(env|with|inputs)\.[^.]*(TOKEN|SECRET|PASSWORD|PASSPHRASE|CLIENT_ID|TENANT_ID|SUBSCRIPTION_ID|client-id|tenant-id|subscription-id)$/i.test(
      p,
    ),
  );
}

const TOKEN_LITERALS = [
  /dapi[0-9a-f]{32}/, // Databricks PAT
  /pul-[0-9a-f]{40}/, // Pulumi access token
  /gh[pousr]_[A-Za-z0-9]{30,}/, // GitHub tokens
  /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // a JWT
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, // an Entra ID client/tenant id
];

function expectNoLiteralSecrets(doc: unknown, reference: RegExp) {
  for (const [p, s] of strings(doc)) for (const re of TOKEN_LITERALS) expect(`${p}: ${s}`).not.toMatch(re);
  const creds = credentialSettings(doc);
  expect(creds.length).toBeGreaterThan(0);
  for (const [p, s] of creds)
    expect(`${p}: ${s}`).toMatch(new RegExp(`^${p.replace(/[.[\]$]/g, "\\$&")}: (?:${reference.source})$`));
}

type Step = Record<string, unknown> & { run?: string; uses?: string; with?: Record<string, unknown> };
type GhJob = { needs?: string | string[]; steps: Step[]; environment?: unknown; if?: string };

describe("GitHub Actions workflow (ci-templates/github/dr-sync.yml)", () => {
  const wf = load("github/dr-sync.yml");
  const jobs = wf.jobs as Record<string, GhJob>;
  const needs = (j: string): string[] => {
    const n = jobs[j].needs;
    const direct = n === undefined ? [] : Array.isArray(n) ? n : [n];
    return [...new Set(direct.flatMap((d) => [d, ...needs(d)]))];
  };
  const jobRunning = (re: RegExp) =>
    Object.keys(jobs).filter((j) =>
      jobs[j].steps.some((s) => re.test(`${s.run ?? ""} ${s.uses ?? ""} ${JSON.stringify(s.with ?? {})}`)),
    );
  // pulumi runs as a shell step (pulumi/actions only installs the CLI), so the step can be executed in a test.
  const pulumiStep = (j: string, command: string) =>
    jobs[j].steps.find((s) => new RegExp(`^pulumi ${command} --stack "\\$PULUMI_STACK"`).test(s.run ?? ""));
  const pulumi = (command: string) => Object.keys(jobs).filter((j) => pulumiStep(j, command));

  it("runs on a schedule (and by hand)", () => {
    const on = wf.on as { schedule: { cron: string }[]; workflow_dispatch?: unknown };
    expect(on.schedule[0].cron).toMatch(/^(\S+\s+){4}\S+$/);
    expect("workflow_dispatch" in on).toBe(true);
  });

  it("exports the primary, then commits and pushes the snapshot", () => {
    expect(jobRunning(/npx databricks-dr export --out "\$SNAPSHOT_DIR"/)).toEqual(["export"]);
    const commit = jobs.export.steps.find((s) => /git commit/.test(s.run ?? ""));
    expect(commit?.run).toMatch(/git add --force "\$SNAPSHOT_DIR"[\s\S]*git push/);
    expect((wf.permissions as Record<string, string>).contents).toBe("write");
  });

  it("previews the secondary stack before up, and up waits for an approval gate", () => {
    const env = wf.env as Record<string, string>;
    expect(env.PULUMI_STACK).toBe("secondary");
    const [preview] = pulumi("preview");
    const [up] = pulumi("up");
    expect(preview).toBeDefined();
    expect(up).toBeDefined();
    expect(needs(up)).toContain(preview);
    expect(needs(preview)).toContain("export");
    // Environment protection rules (required reviewers) are the approval gate.
    expect(jobs[up].environment).toBe("dr-secondary");
    expect(jobs[preview].environment).toBeUndefined();
    for (const j of [preview, up])
      expect(jobs[j].steps.some((s) => s.uses?.startsWith("pulumi/actions@") && !s.with?.command)).toBe(true);
  });

  it("checks the snapshot before it is committed and before preview", () => {
    const at = (j: string, re: RegExp) => jobs[j].steps.findIndex((s) => re.test(s.run ?? ""));
    const check = /^npx databricks-dr check "\$SNAPSHOT_DIR"$/;
    expect(at("export", check)).toBeGreaterThan(at("export", /databricks-dr export/));
    expect(at("export", check)).toBeLessThan(at("export", /git commit/));
    expect(at("preview", check)).toBeGreaterThanOrEqual(0);
    expect(at("preview", check)).toBeLessThan(at("preview", /^pulumi preview/));
  });

  it("verifies the secondary after up and publishes the report", () => {
    expect(jobRunning(/npx databricks-dr verify/)).toEqual(["verify"]);
    expect(needs("verify")).toContain("up");
    expect(jobRunning(/npx databricks-dr report/)).toEqual(["verify"]);
  });

  it("takes every credential from the secret store, never a literal", () => {
    expectNoLiteralSecrets(wf, /\$\{\{ secrets\.[A-Z_]+ \}\}/);
    expect((wf.permissions as Record<string, string>)["id-token"]).toBe("write");
    const pulumiEnv = pulumiStep("up", "up")?.env as Record<string, string>;
    expect(pulumiEnv.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
  });
});

type AzStep = Record<string, unknown> & {
  task?: string;
  script?: string;
  bash?: string;
  inputs?: Record<string, unknown>;
};
type AzJob = {
  job?: string;
  deployment?: string;
  pool?: unknown;
  environment?: string;
  steps?: AzStep[];
  strategy?: { runOnce: { deploy: { steps: AzStep[] } } };
};
type AzStage = { stage: string; dependsOn?: string | string[]; condition?: string; jobs: AzJob[] };

describe("Azure Pipelines (ci-templates/azure-pipelines/dr-sync.yml)", () => {
  const p = load("azure-pipelines/dr-sync.yml");
  const stages = p.stages as AzStage[];
  const stage = (name: string) => stages.find((s) => s.stage === name) as AzStage;
  const stepsOf = (s: AzStage): AzStep[] =>
    s.jobs.flatMap((j) => j.steps ?? j.strategy?.runOnce.deploy.steps ?? []);
  const dependsOn = (name: string): string[] => {
    const d = stage(name).dependsOn;
    const direct = d === undefined ? [] : Array.isArray(d) ? d : [d];
    return [...new Set(direct.flatMap((x) => [x, ...dependsOn(x)]))];
  };
  const stageRunning = (re: RegExp) =>
    stages
      .filter((s) =>
        stepsOf(s).some((st) =>
          re.test(
            [st.script, st.bash, ...Object.values(st.inputs ?? {})]
              .filter((x) => typeof x === "string")
              .join(" "),
          ),
        ),
      )
      .map((s) => s.stage);
  // pulumi runs inside AzureCLI@2 (az logged in with the service connection: the providers' session).
  const pulumiTask = (s: AzStage, command: string) =>
    stepsOf(s).find(
      (st) =>
        st.task === "AzureCLI@2" &&
        new RegExp(`^pulumi ${command} --stack "\\$\\(PULUMI_ORG\\)/\\$\\(PULUMI_STACK\\)"`, "m").test(
          String(st.inputs?.inlineScript ?? ""),
        ),
    );
  const pulumi = (command: string) => stages.filter((s) => pulumiTask(s, command)).map((s) => s.stage);

  it("runs on a schedule, not on pushes", () => {
    const sch = p.schedules as { cron: string; always: boolean }[];
    expect(sch[0].cron).toMatch(/^(\S+\s+){4}\S+$/);
    expect(p.trigger).toBe("none");
  });

  it("exports the primary through the Azure service connection, then commits the snapshot", () => {
    expect(stageRunning(/npx databricks-dr export --out "\$\(SNAPSHOT_DIR\)"/)).toEqual(["Export"]);
    const exp = stepsOf(stage("Export")).find((s) => s.task === "AzureCLI@2");
    expect(exp?.inputs?.azureSubscription).toBe("$(azureServiceConnection)");
    expect(
      stepsOf(stage("Export")).some((s) =>
        /git add --force[\s\S]*git commit[\s\S]*git push/.test(s.bash ?? ""),
      ),
    ).toBe(true);
  });

  it("previews the secondary, then a manual validation, then up", () => {
    const [preview] = pulumi("preview");
    const [up] = pulumi("up");
    expect(preview).toBe("Preview");
    expect(up).toBe("Up");
    const approve = stages.find((s) => stepsOf(s).some((st) => st.task?.startsWith("ManualValidation@")));
    expect(approve?.jobs[0].pool).toBe("server"); // an agentless job
    expect(dependsOn(approve!.stage)).toContain(preview);
    expect(dependsOn(up)).toContain(approve!.stage);
    expect(stage(up).jobs[0].environment).toBe("databricks-dr-secondary");
    for (const s of [preview, up])
      expect(pulumiTask(stage(s), s === "Up" ? "up" : "preview")?.inputs?.azureSubscription).toBe(
        "$(azureServiceConnection)",
      );
    expect(
      (p.variables as { name?: string; value?: string }[]).find((v) => v.name === "PULUMI_STACK")?.value,
    ).toBe("secondary");
  });

  it("checks the snapshot before it is committed and before preview", () => {
    const text = (st: AzStep) => `${st.script ?? ""}${st.bash ?? ""}${String(st.inputs?.inlineScript ?? "")}`;
    const at = (s: string, re: RegExp) => stepsOf(stage(s)).findIndex((st) => re.test(text(st)));
    const check = /npx databricks-dr check "\$\(SNAPSHOT_DIR\)"/;
    expect(at("Export", check)).toBeGreaterThan(at("Export", /databricks-dr export/));
    expect(at("Export", check)).toBeLessThan(at("Export", /git commit/));
    expect(at("Preview", check)).toBeGreaterThanOrEqual(0);
    expect(at("Preview", check)).toBeLessThan(at("Preview", /pulumi preview/));
  });

  it("verifies the secondary after up", () => {
    expect(stageRunning(/npx databricks-dr verify/)).toEqual(["Verify"]);
    expect(dependsOn("Verify")).toContain("Up");
  });

  it("takes every credential from the variable group, never a literal", () => {
    expectNoLiteralSecrets(p, /\$\([A-Za-z_]+\)/);
    expect((p.variables as { group?: string }[]).some((v) => v.group === "databricks-dr")).toBe(true);
  });
});
