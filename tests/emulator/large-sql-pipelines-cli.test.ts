/**
 * `databricks-dr emulator --workspace large` takes the knobs of the families added to the large seed
 * (DLT pipelines, SQL queries and alerts, IP access lists): each list serves exactly as many as asked.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

it("takes --pipelines, --sql-queries, --sql-alerts and --ip-access-lists", async () => {
  const bin = join(__dirname, "..", "..", "bin", "databricks-dr.js");
  const args = ["emulator", "--port", "0", "--workspace", "large", "--latency", "0", "--no-auth"];
  const sizes = "--notebooks 3 --folders 1 --jobs 1 --clusters 1 --users 2 --groups 1 --uc-catalogs 0".split(
    " ",
  );
  const knobs = "--pipelines 4 --sql-queries 130 --sql-alerts 6 --ip-access-lists 2".split(" ");
  const child = spawn(process.execPath, [bin, ...args, ...sizes, ...knobs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const get = async (p: string) => (await (await fetch(`${url}${p}`)).json()) as Record<string, unknown[]>;
    expect((await get("/api/2.0/pipelines?max_results=100")).statuses).toHaveLength(4);
    // 130 queries: two pages of 100 (the second has 30).
    const q1 = (await get("/api/2.0/sql/queries?page_size=100")) as unknown as {
      results: unknown[];
      next_page_token: string;
    };
    const q2 = await get(`/api/2.0/sql/queries?page_size=100&page_token=${q1.next_page_token}`);
    expect(q1.results.length + q2.results.length).toBe(130);
    expect((await get("/api/2.0/sql/alerts?page_size=100")).results).toHaveLength(6);
    expect((await get("/api/2.0/ip-access-lists")).ip_access_lists).toHaveLength(2);
  } finally {
    child.kill("SIGINT");
  }
});
