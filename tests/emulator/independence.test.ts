/**
 * The emulator stands apart from the code it is used to check: nothing under emulator/ imports client/,
 * exporters/, kinds/, components/ or verify/, and its rate limits are its own table, whose published
 * figures must match the public limits page as summarized in ../shared/reference (not the client's table).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PUBLISHED_RATE_LIMITS, RATE_LIMITS, startEmulator } from "../../emulator";

const ROOT = resolve(__dirname, "..", "..");
const EMULATOR = join(ROOT, "emulator");
const FORBIDDEN = ["client", "exporters", "kinds", "components", "verify"];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports (static, dynamic and require). */
function specifiers(text: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
  return [...text.matchAll(re)].map((m) => m[1]);
}

describe("an independent emulator", () => {
  it("imports nothing of client/, exporters/, kinds/, components/ or verify/", () => {
    const files = tsFiles(EMULATOR);
    expect(files.length).toBeGreaterThan(30);
    const offending: string[] = [];
    for (const f of files)
      for (const spec of specifiers(readFileSync(f, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = relative(ROOT, resolve(f, "..", spec)).split(/[\\/]/)[0];
        if (FORBIDDEN.includes(target)) offending.push(`${relative(ROOT, f)} imports ${spec}`);
      }
    expect(offending).toEqual([]);
  });

  it("finds an import that breaks the rule (the scan itself can fail)", () => {
    expect(specifiers('import { familyOf } from "../client/families";\nexport * from "./x";')).toEqual([
      "../client/families",
      "./x",
    ]);
  });

  it("throttles to the published figures of the Databricks limits page", () => {
    const notes = readFileSync(
      join(ROOT, "..", "shared", "reference", "databricks-rest-api-notes.md"),
      "utf8",
    );
    const line = /Published per-workspace limits \(req\/s\):([^.]+)\./s.exec(notes)?.[1] ?? "";
    const figure = (label: string) => {
      const m = new RegExp(`${label}\\s+([\\d,]+)`).exec(line.replace(/\s+/g, " "));
      return m ? Number(m[1].replace(/,/g, "")) : undefined;
    };
    expect({
      "workspace-export": figure("workspace export"),
      "workspace-import": figure("workspace import"),
      dbfs: figure("DBFS"),
      "permissions-get": figure("permissions GET"),
      "permissions-update": figure("PUT/PATCH"),
      "scim-get": figure("SCIM GET"),
      "jobs-create": figure("jobs create"),
      "jobs-run-now": figure("jobs run-now"),
      "jobs-runs-get": figure("jobs runs/get"),
      "token-management": figure("token management"),
      secrets: figure("secrets"),
    }).toEqual(PUBLISHED_RATE_LIMITS);
  });

  it("scales every limit with limitScale", async () => {
    const half = await startEmulator({ workspace: "empty", limitScale: 0.5 });
    const full = await startEmulator({ workspace: "empty" });
    try {
      expect(full.rateLimits()).toEqual(RATE_LIMITS);
      const h = half.rateLimits()!;
      for (const [f, r] of Object.entries(RATE_LIMITS)) expect(h[f as keyof typeof h]).toBe(r / 2);
    } finally {
      await Promise.all([half.close(), full.close()]);
    }
    await expect(startEmulator({ workspace: "empty", limitScale: 0 })).rejects.toThrow(/limitScale/);
  });

  it("throttles at the scaled rate: half the burst gets through", async () => {
    const burst = async (limitScale: number) => {
      const emu = await startEmulator({ workspace: "empty", rateLimits: { "scim-get": 10 }, limitScale });
      try {
        const answers = await Promise.all(
          Array.from({ length: 30 }, () =>
            fetch(`${emu.url}/api/2.0/preview/scim/v2/Me`, { headers: emu.authHeaders() }).then(
              (r) => r.status,
            ),
          ),
        );
        return answers.filter((s) => s === 200).length;
      } finally {
        await emu.close();
      }
    };
    const full = await burst(1);
    const half = await burst(0.5);
    expect(full).toBeGreaterThanOrEqual(10);
    expect(full).toBeLessThan(14);
    expect(half).toBeGreaterThanOrEqual(5);
    expect(half).toBeLessThan(8);
  });
});
