import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { cleanEnv, ROOT, run, tmpDir } from "../cli/helpers";

/**
 * Runs the shell steps of the CI templates as the runners would: the script text taken from the YAML, the
 * runner's own bash invocation, its expression/macro substitution and output files, in a git repository with
 * a remote. `uses:`/`task:` steps that only install tools or log in are skipped: a stub `az` (an `az login`
 * session's token) and a stub `pulumi` (records its arguments) stand in for them on PATH.
 */

export const TEMPLATES = path.join(ROOT, "ci-templates");

export function loadTemplate(rel: string): Record<string, unknown> {
  return parseDocument(fs.readFileSync(path.join(TEMPLATES, rel), "utf8")).toJS() as Record<string, unknown>;
}

export interface StepResult {
  job: string;
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A repository like a user's: this project installed, Pulumi.secondary.yaml, a remote to push to. */
export interface Workspace {
  repo: string;
  origin: string;
  bin: string;
  pulumiLog: string;
  env: NodeJS.ProcessEnv;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export async function makeWorkspace(opts: { token: string; secondaryUrl?: string }): Promise<Workspace> {
  const base = tmpDir("ci-");
  const repo = path.join(base, "repo");
  const origin = path.join(base, "origin.git");
  const bin = path.join(base, "bin");
  fs.mkdirSync(repo);
  fs.mkdirSync(bin);
  const pulumiLog = path.join(base, "pulumi.log");
  // `pulumi`: one line per call with its arguments and whether the Pulumi token reached it.
  fs.writeFileSync(
    path.join(bin, "pulumi"),
    `#!/usr/bin/env bash
printf '%s | token:%s\\n' "$*" "\${PULUMI_ACCESS_TOKEN:+set}" >> "${pulumiLog}"
if [ "$1" = stack ] && [ "$2" = output ]; then echo "\${PULUMI_STUB_OUTPUT:-}"; fi
exit "\${PULUMI_STUB_EXIT:-0}"
`,
    { mode: 0o755 },
  );
  // `az`: what azure/login or AzureCLI@2 leave behind, a session that hands out a token for the workspace.
  fs.writeFileSync(
    path.join(bin, "az"),
    `#!/usr/bin/env bash
printf '{"accessToken":"%s","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"tokenType":"Bearer"}\\n' "\${AZ_STUB_TOKEN}"
`,
    { mode: 0o755 },
  );
  const env = cleanEnv({ AZ_STUB_TOKEN: opts.token, PULUMI_STUB_OUTPUT: opts.secondaryUrl ?? "" });
  env.PATH = `${bin}${path.delimiter}${env.PATH}`;
  fs.writeFileSync(
    path.join(repo, "package.json"),
    JSON.stringify({
      name: "dr",
      version: "1.0.0",
      private: true,
      dependencies: { "databricks-dr": `file:${ROOT}` },
    }),
  );
  fs.copyFileSync(path.join(ROOT, "Pulumi.secondary.yaml"), path.join(repo, "Pulumi.secondary.yaml"));
  fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
  const inst = await run("npm", ["install", "--ignore-scripts"], { cwd: repo, env });
  if (inst.code !== 0) throw new Error(`npm install in the test repository failed: ${inst.stderr}`);
  git(base, "init", "-q", "--bare", "-b", "main", origin);
  git(repo, "init", "-q", "-b", "main");
  git(repo, "config", "user.email", "t@example.invalid");
  git(repo, "config", "user.name", "t");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "init");
  git(repo, "remote", "add", "origin", origin);
  git(repo, "push", "-q", "-u", "origin", "main");
  return { repo, origin, bin, pulumiLog, env };
}

export function pulumiCalls(ws: Workspace): string[] {
  return fs.existsSync(ws.pulumiLog) ? fs.readFileSync(ws.pulumiLog, "utf8").trimEnd().split("\n") : [];
}

export function originHead(ws: Workspace): string {
  return git(ws.origin, "rev-parse", "main");
}

async function runScript(
  ws: Workspace,
  argv: string[],
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = path.join(
    path.dirname(ws.repo),
    `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`,
  );
  fs.writeFileSync(file, script);
  const [cmd, ...args] = argv.map((a) => (a === "{0}" ? file : a));
  return run(cmd, args, { cwd: ws.repo, env: { ...ws.env, ...env } });
}

// ---------------------------------------------------------------- GitHub Actions

type GhStep = {
  name?: string;
  run?: string;
  uses?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
};
type GhJob = { steps: GhStep[]; env?: Record<string, string>; defaults?: { run?: { shell?: string } } };

/**
 * GitHub's documented shells: `bash` is `bash --noprofile --norc -eo pipefail {0}`; with no shell given on
 * Linux it is `bash -e {0}` (no pipefail).
 */
function ghShell(shell: string | undefined): string[] {
  if (shell === undefined) return ["bash", "-e", "{0}"];
  if (shell === "bash") return ["bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"];
  if (shell.includes("{0}")) return shell.split(/\s+/);
  return [shell, "{0}"];
}

/** Installers and logins the stubs on PATH stand in for; anything else not a shell step is an error. */
const GH_SKIPPED = /^(actions\/checkout|actions\/setup-node|azure\/login|actions\/upload-artifact)@/;

export class GitHubRun {
  readonly results: StepResult[] = [];
  private readonly outputs: Record<string, Record<string, string>> = {};
  constructor(
    readonly wf: Record<string, unknown>,
    readonly ws: Workspace,
    readonly context: { vars: Record<string, string>; secrets: Record<string, string> },
  ) {}

  private expand(text: string, jobEnv: Record<string, string>): string {
    return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (m, expr: string) => {
      let g: RegExpExecArray | null;
      if ((g = /^vars\.(\w+)$/.exec(expr))) return this.context.vars[g[1]] ?? "";
      if ((g = /^secrets\.(\w+)$/.exec(expr))) return this.context.secrets[g[1]] ?? "";
      if ((g = /^env\.(\w+)$/.exec(expr))) return jobEnv[g[1]] ?? "";
      if ((g = /^needs\.(\w+)\.outputs\.(\w+)$/.exec(expr))) return this.outputs[g[1]]?.[g[2]] ?? "";
      throw new Error(`expression not understood by the test harness: ${m}`);
    });
  }

  /** Runs one job's steps in order; stops at the first failing step, as the runner does. */
  async job(
    name: string,
    opts: { skip?: (step: GhStep) => string | undefined } = {},
  ): Promise<StepResult | undefined> {
    const jobs = this.wf.jobs as Record<string, GhJob>;
    const job = jobs[name];
    if (!job) throw new Error(`no job ${name}`);
    const wfEnv = (this.wf.env ?? {}) as Record<string, string>;
    const defaults = (this.wf.defaults as GhJob["defaults"])?.run?.shell;
    const output = path.join(path.dirname(this.ws.repo), `gh-output-${name}`);
    const summary = path.join(path.dirname(this.ws.repo), "gh-summary.md");
    fs.writeFileSync(output, "");
    const jobEnv = { ...wfEnv };
    for (const [k, v] of Object.entries(job.env ?? {})) jobEnv[k] = this.expand(v, jobEnv);
    for (const step of job.steps) {
      const label = step.name ?? step.run ?? step.uses ?? "?";
      if (step.run === undefined) {
        // A later job checks out the commit the export job made: here, the same repository at that commit.
        const ref = step.uses?.startsWith("actions/checkout@") ? step.with?.ref : undefined;
        if (typeof ref === "string") {
          const sha = this.expand(ref, jobEnv);
          if (!sha) throw new Error(`job ${name}: checkout of ${ref}, which is empty`);
          git(this.ws.repo, "checkout", "-q", "--detach", sha);
          continue;
        }
        if (
          step.uses &&
          (GH_SKIPPED.test(step.uses) || (step.uses.startsWith("pulumi/actions@") && !step.with?.command))
        )
          continue;
        throw new Error(`job ${name}: step "${label}" is neither a shell step nor a known installer/login`);
      }
      const why = opts.skip?.(step);
      if (why) {
        this.results.push({ job: name, name: label, code: 0, stdout: "", stderr: `skipped: ${why}` });
        continue;
      }
      const env: Record<string, string> = {
        ...jobEnv,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        CI: "true",
      };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = this.expand(String(v), env);
      const r = await runScript(
        this.ws,
        ghShell(step.shell ?? job.defaults?.run?.shell ?? defaults),
        this.expand(step.run, env),
        env,
      );
      const res = { job: name, name: label, ...r };
      this.results.push(res);
      if (r.code !== 0) return res;
    }
    this.outputs[name] = Object.fromEntries(
      fs
        .readFileSync(output, "utf8")
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    return undefined;
  }

  output(job: string, key: string): string | undefined {
    return this.outputs[job]?.[key];
  }
}

// ---------------------------------------------------------------- Azure Pipelines

type AzStep = Record<string, unknown> & {
  task?: string;
  script?: string;
  bash?: string;
  name?: string;
  displayName?: string;
  env?: Record<string, string>;
  inputs?: Record<string, unknown>;
};
type AzJob = {
  job?: string;
  deployment?: string;
  variables?: Record<string, string>;
  steps?: AzStep[];
  strategy?: { runOnce: { deploy: { steps: AzStep[] } } };
};
type AzStage = { stage: string; jobs: AzJob[] };

/** Tasks that only install tools, check out, publish or wait for a person: the stubs stand in for them. */
const AZ_SKIPPED = /^(NodeTool@|ManualValidation@)/;

export class AzureRun {
  readonly results: StepResult[] = [];
  /** `<stage>.<job>.<step>.<name>` output variables. */
  private readonly outputs: Record<string, string> = {};
  constructor(
    readonly pipeline: Record<string, unknown>,
    readonly ws: Workspace,
    /** The variable group's values and predefined variables. */
    readonly variables: Record<string, string>,
  ) {}

  private stage(name: string): AzStage {
    const s = (this.pipeline.stages as AzStage[]).find((x) => x.stage === name);
    if (!s) throw new Error(`no stage ${name}`);
    return s;
  }

  /** `$[ stageDependencies.S.J.outputs['step.name'] ]` and `$(name)` macros, as the agent expands them. */
  private vars(job: AzJob): Record<string, string> {
    const v: Record<string, string> = { ...this.variables };
    for (const x of this.pipeline.variables as { name?: string; value?: string }[])
      if (x.name) v[x.name] = x.value ?? "";
    for (const [k, val] of Object.entries(job.variables ?? {})) {
      const dep = /^\$\[\s*stageDependencies\.(\w+)\.(\w+)\.outputs\['(\w+)\.(\w+)'\]\s*\]$/.exec(val);
      v[k] = dep ? (this.outputs[`${dep[1]}.${dep[2]}.${dep[3]}.${dep[4]}`] ?? "") : val;
    }
    return v;
  }

  private macro(text: string, vars: Record<string, string>): string {
    // Only `$(name)` of a defined variable is replaced; `$(git rev-parse HEAD)` is the shell's.
    return text.replace(/\$\(([A-Za-z0-9_.]+)\)/g, (m, n: string) => (n in vars ? vars[n] : m));
  }

  async stageRun(
    name: string,
    opts: { skip?: (step: AzStep) => string | undefined } = {},
  ): Promise<StepResult | undefined> {
    for (const job of this.stage(name).jobs) {
      const jobName = job.job ?? job.deployment ?? "?";
      const steps = job.steps ?? job.strategy?.runOnce.deploy.steps ?? [];
      const vars = this.vars(job);
      for (const step of steps) {
        const label = step.displayName ?? step.name ?? step.task ?? "?";
        let script: string | undefined;
        if (typeof step.script === "string") script = step.script;
        else if (typeof step.bash === "string") script = step.bash;
        else if (step.task === "AzureCLI@2") {
          if (step.inputs?.scriptType !== "bash" || step.inputs?.scriptLocation !== "inlineScript")
            throw new Error(`${label}: only inline bash AzureCLI@2 steps can be run here`);
          script = String(step.inputs.inlineScript);
        } else if ((step.task && AZ_SKIPPED.test(step.task)) || "checkout" in step || "publish" in step)
          continue;
        else throw new Error(`stage ${name}: step "${label}" is neither a shell step nor a known tool task`);
        const why =
          opts.skip?.(step) ?? (/get\.pulumi\.com/.test(script) ? "the stub pulumi is on PATH" : undefined);
        if (why) {
          this.results.push({ job: jobName, name: label, code: 0, stdout: "", stderr: `skipped: ${why}` });
          continue;
        }
        // Non-secret variables reach scripts as environment variables too (NAME, dots as underscores).
        const env: Record<string, string> = { TF_BUILD: "True" };
        for (const [k, val] of Object.entries(vars)) env[k.toUpperCase().replace(/\./g, "_")] = val;
        for (const [k, val] of Object.entries(step.env ?? {})) env[k] = this.macro(String(val), vars);
        // The agent runs `bash --noprofile --norc <file>`: no errexit unless the script sets it.
        const r = await runScript(
          this.ws,
          ["bash", "--noprofile", "--norc", "{0}"],
          this.macro(script, vars),
          env,
        );
        this.results.push({ job: jobName, name: label, ...r });
        for (const m of r.stdout.matchAll(/##vso\[task\.setvariable variable=(\w+);isOutput=true\](.*)/g))
          if (step.name) this.outputs[`${name}.${jobName}.${step.name}.${m[1]}`] = m[2].trim();
        if (r.code !== 0) return { job: jobName, name: label, ...r };
      }
    }
    return undefined;
  }

  output(key: string): string | undefined {
    return this.outputs[key];
  }
}
