/**
 * Conformance (A, SQL objects): the recorded Databricks SQL bodies served by a DIR workspace page and take
 * permissions as the real service's do. The expectations are the recordings, not emulator code.
 */
import { sqlCollection } from "../../emulator/routes/sql-objects";
import { diffFields, recorded, useRecordedWorkspaces } from "./conformance-helpers";
import { client } from "./helpers";

describe("A: recorded SQL objects are served back with their paging and permissions", () => {
  const w = useRecordedWorkspaces();

  it("pages the legacy dashboards list by page/page_size with count (Queries/Dashboards API 2.0)", async () => {
    const api = client(w.emu);
    const want = recorded("get-sql-dashboards.json");
    const p1 = (await api.get("/api/2.0/preview/sql/dashboards?page=1&page_size=1")).json;
    expect({ ...p1, results: p1.results.map((d: { id: string }) => d.id) }).toEqual({
      count: want.count,
      page: 1,
      page_size: 1,
      results: [want.results[0].id],
    });
    const p2 = (await api.get("/api/2.0/preview/sql/dashboards?page=2&page_size=1")).json;
    expect(p2).toEqual({ count: want.count, page: 2, page_size: 1, results: [] });
    expect((await api.get("/api/2.0/preview/sql/dashboards?page=0")).status).toBe(400);
    // A list built from objects (no recorded list body) has the recorded defaults: page 1 of 25.
    sqlCollection(w.runJobEmu.state, "preview/sql/dashboards").set(want.results[0].id, want.results[0]);
    expect(diffFields(want, (await client(w.runJobEmu).get("/api/2.0/preview/sql/dashboards")).json)).toEqual(
      [],
    );
  });

  it("pages the current queries list by page_size/page_token (results, next_page_token)", async () => {
    const api = client(w.emu);
    const p1 = (await api.get("/api/2.0/sql/queries?page_size=1")).json;
    expect(diffFields(recorded("get-queries.json"), p1)).toEqual([]);
    expect(p1.next_page_token).toBeUndefined(); // one recorded query: no next page
  });

  it("legacy SQL permissions: a recorded ACL (the dashboard's) POSTed on the recorded query reads back as recorded", async () => {
    const api = client(w.emu);
    const want = recorded("get-sql-dashboard-permissions.json");
    const path = "/api/2.0/preview/sql/permissions/queries/16c4f969-eea0-4aad-8f82-03d79b078dcc";
    const set = await api.post(path, { access_control_list: want.access_control_list });
    expect(set.status).toBe(200);
    const got = (await api.get(path)).json;
    expect(diffFields({ ...want, object_id: got.object_id, object_type: "query" }, got)).toEqual([]);
    expect(got.object_id).toBe("queries/16c4f969-eea0-4aad-8f82-03d79b078dcc");
    expect((await api.get("/api/2.0/preview/sql/permissions/queries/nope")).status).toBe(404);
  });
});
