import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { passiveSecondary as passiveSecondaryOf } from "../helpers/passive-secondary";
import { makeWorkspace, pulumiCalls } from "../ci-templates/harness";
import { ROOT, run } from "./helpers";

// A dozen CLI runs in child processes.
jest.setTimeout(300_000);

const TOKEN = "readme-test-token";

/** The README's "Using it for real" block, line by line, comments and blank lines left out. */
function usingItForReal(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## Using it for real$/m)[1]?.split(/^## /m)[0];
  const block = /```sh\n([\s\S]*?)```/.exec(section ?? "")?.[1];
  if (!block) throw new Error('README.md: no ```sh block under "## Using it for real"');
  return block.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
}

const passiveSecondary = () => passiveSecondaryOf(TOKEN);

describe('README "Using it for real", run verbatim', () => {
  const primary = useEmulator(() => startEmulator({ workspace: "sample", token: TOKEN }));
  const secondary = useEmulator(passiveSecondary);

  it("every command works as written: export, commit, preview, up, export the secondary, verify, report", async () => {
    const lines = usingItForReal();
    expect(lines.filter((l) => l.startsWith("npx databricks-dr ")).length).toBeGreaterThanOrEqual(4);
    // A user's repository with the project installed; `pulumi` is a stub that records its calls and answers
    // `stack output workspaceUrl` with the secondary's URL.
    const ws = await makeWorkspace({ token: TOKEN, secondaryUrl: secondary.emu.url });
    // ~/.databrickscfg: the `primary` profile the README names, and DEFAULT for `--host` runs.
    fs.writeFileSync(
      path.join(ws.env.HOME!, ".databrickscfg"),
      `[DEFAULT]\nhost = ${secondary.emu.url}\ntoken = ${TOKEN}\n\n[primary]\nhost = ${primary.emu.url}\ntoken = ${TOKEN}\n`,
    );
    for (const line of lines) {
      const r = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", line], {
        cwd: ws.repo,
        env: ws.env,
      });
      expect({ line, code: r.code, stderr: r.stderr }).toEqual({ line, code: 0, stderr: expect.any(String) });
      if (line.startsWith("npx databricks-dr "))
        expect({ line, stderr: r.stderr }).toEqual({ line, stderr: "" });
    }
    for (const side of ["primary", "secondary"])
      expect(fs.existsSync(path.join(ws.repo, "dr-snapshot", side, "manifest.json"))).toBe(true);
    expect(fs.existsSync(path.join(ws.repo, "dr-report", "report.md"))).toBe(true);
    const sources = ["primary", "secondary"].map(
      (side) =>
        (
          JSON.parse(fs.readFileSync(path.join(ws.repo, "dr-snapshot", side, "manifest.json"), "utf8")) as {
            source: { host: string };
          }
        ).source.host,
    );
    expect(sources).toEqual([primary.emu.url, secondary.emu.url]);
    // Each `pulumi` of the block reached the stub (the stub is what "pulumi" means on this machine).
    const written = lines.flatMap((l) => [...l.matchAll(/(?:^|\$\()pulumi /g)]).length;
    expect(pulumiCalls(ws)).toHaveLength(written);
  });

  it("the runbook's pause-jobs at cutover works as written (az login session, $PRIMARY_HOST)", async () => {
    const runbook = fs.readFileSync(path.join(ROOT, "docs", "runbook.md"), "utf8");
    const lines = runbook
      .split("\n")
      .filter((l) => /^npx databricks-dr pause-jobs --host "\$PRIMARY_HOST"/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const target = await startEmulator({ workspace: "sample", token: TOKEN });
    try {
      const unpaused = () =>
        [...target.state.jobs.values()].filter((j) =>
          ["schedule", "trigger", "continuous"].some(
            (t) =>
              (j.settings as Record<string, { pause_status?: string } | undefined>)[t]?.pause_status ===
              "UNPAUSED",
          ),
        ).length;
      expect(unpaused()).toBeGreaterThan(0);
      const ws = await makeWorkspace({ token: TOKEN });
      Object.assign(ws.env, { PRIMARY_HOST: target.url, DATABRICKS_AUTH_TYPE: "azure-cli" });
      for (const line of lines) {
        const r = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", line], {
          cwd: ws.repo,
          env: ws.env,
        });
        expect({ line, code: r.code, stderr: r.stderr }).toEqual({ line, code: 0, stderr: "" });
        expect(r.stdout).not.toBe("");
      }
      expect(unpaused()).toBe(0);
    } finally {
      await target.close();
    }
  });
});
