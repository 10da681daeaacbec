import { DatabricksClient, getJob, listJobs, listScim, listWithPageToken } from "../../client";
import { json, scriptedServer } from "./server";

const mk = (url: string) => new DatabricksClient({ host: url, auth: { token: "t" }, limits: false });

describe("SCIM paging", () => {
  it("walks 1-based pages until past totalResults, even when the server caps count", async () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ id: String(i + 1), userName: `u${i + 1}@x.com` }));
    const srv = await scriptedServer((req, res) => {
      const start = Number(req.url.searchParams.get("startIndex"));
      const count = Math.min(Number(req.url.searchParams.get("count")), 70);
      json(res, 200, {
        totalResults: users.length,
        itemsPerPage: count,
        startIndex: start,
        Resources: users.slice(start - 1, start - 1 + count),
      });
    });
    const got = await listScim(mk(srv.url), "/api/2.0/preview/scim/v2/Users", { count: 100 });
    expect(got.map((u) => u.id)).toEqual(users.map((u) => u.id));
    expect(srv.seen.map((s) => s.url.searchParams.get("startIndex"))).toEqual(["1", "71", "141", "211"]);
    await srv.close();
  });

  it("stops on an empty page and on a server that ignores startIndex", async () => {
    const srv = await scriptedServer((_req, res) =>
      json(res, 200, { totalResults: 1000, Resources: [{ id: "1" }, { id: "2" }] }),
    );
    const got = await listScim(mk(srv.url), "/api/2.0/preview/scim/v2/Groups", { count: 2 });
    expect(got).toHaveLength(2);
    expect(srv.seen.length).toBe(2);
    await srv.close();
    const empty = await scriptedServer((_req, res) => json(res, 200, { totalResults: 5, Resources: [] }));
    expect(await listScim(mk(empty.url), "/api/2.0/preview/scim/v2/Users")).toEqual([]);
    await empty.close();
  });
});

describe("token paging", () => {
  it("follows next_page_token with the right request parameter", async () => {
    const srv = await scriptedServer((req, res) => {
      const t = req.url.searchParams.get("next_page_token");
      if (!t) json(res, 200, { repos: [{ id: 1 }], next_page_token: "p2" });
      else if (t === "p2") json(res, 200, { repos: [{ id: 2 }], next_page_token: "p3" });
      else json(res, 200, { repos: [{ id: 3 }] });
    });
    const got = await listWithPageToken(mk(srv.url), "/api/2.0/repos", {
      itemsKey: "repos",
      tokenParam: "next_page_token",
    });
    expect(got.map((r) => r.id)).toEqual([1, 2, 3]);
    await srv.close();
  });

  it("refuses a repeated page token instead of looping", async () => {
    const srv = await scriptedServer((_req, res) =>
      json(res, 200, { clusters: [{}], next_page_token: "same" }),
    );
    await expect(
      listWithPageToken(mk(srv.url), "/api/2.1/clusters/list", { itemsKey: "clusters" }),
    ).rejects.toThrow(/repeated page token/);
    expect(srv.seen.length).toBe(2);
    await srv.close();
  });
});

describe("jobs paging", () => {
  it("lists exactly 100 jobs in one page and dedupes a job listed twice", async () => {
    const jobs = Array.from({ length: 100 }, (_, i) => ({ job_id: i + 1 }));
    const srv = await scriptedServer((req, res) => {
      expect(req.url.searchParams.get("limit")).toBe("100");
      if (!req.url.searchParams.get("page_token"))
        json(res, 200, { jobs: [...jobs.slice(0, 99), jobs[5]], has_more: true, next_page_token: "n" });
      else json(res, 200, { jobs: [jobs[99]], has_more: false });
    });
    const got = await listJobs(mk(srv.url));
    expect(got.map((j) => j.job_id)).toEqual(jobs.map((j) => j.job_id));
    await srv.close();
  });

  it("falls back to offset when has_more comes without a token", async () => {
    const srv = await scriptedServer((req, res) => {
      const off = Number(req.url.searchParams.get("offset") ?? 0);
      json(res, 200, {
        jobs: off === 0 ? [{ job_id: 1 }, { job_id: 2 }] : [{ job_id: 3 }],
        has_more: off === 0,
      });
    });
    expect((await listJobs(mk(srv.url), { limit: 2 })).map((j) => j.job_id)).toEqual([1, 2, 3]);
    await srv.close();
  });

  it("merges jobs 2.2 get pages of tasks, job_clusters, environments and parameters", async () => {
    const tasks = Array.from({ length: 101 }, (_, i) => ({ task_key: `t${i}` }));
    const srv = await scriptedServer((req, res) => {
      expect(req.url.pathname).toBe("/api/2.2/jobs/get");
      if (!req.url.searchParams.get("page_token"))
        json(res, 200, {
          job_id: 7,
          settings: { name: "big", tasks: tasks.slice(0, 100), job_clusters: [{ job_cluster_key: "a" }] },
          next_page_token: "p2",
        });
      else
        json(res, 200, {
          job_id: 7,
          settings: {
            tasks: tasks.slice(100),
            job_clusters: [{ job_cluster_key: "b" }],
            parameters: [{ name: "p" }],
          },
        });
    });
    const job = await getJob(mk(srv.url), 7);
    expect((job.settings as { tasks: unknown[] }).tasks).toEqual(tasks);
    expect(job.settings).toMatchObject({
      name: "big",
      job_clusters: [{ job_cluster_key: "a" }, { job_cluster_key: "b" }],
      parameters: [{ name: "p" }],
    });
    expect(job).not.toHaveProperty("next_page_token");
    await srv.close();
  });
});
