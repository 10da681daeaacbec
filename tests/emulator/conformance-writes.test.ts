/**
 * Conformance (B): recorded objects of the real service, where the API can make them, replayed as writes into
 * an empty workspace, then read back and compared with the recording field by field. The expectations are the
 * recordings, not emulator code.
 */
import { diffFields, recorded, useWriteWorkspace } from "./conformance-helpers";
import { client, start } from "./helpers";

describe("B: recorded objects written through the API read back as recorded", () => {
  const w = useWriteWorkspace();

  it.each(["get-job-12.json", "get-job-14.json", "get-job-15.json"])(
    "jobs/create then get: %s",
    async (f) => {
      const want = recorded(f);
      const c = await w.api.post("/api/2.1/jobs/create", want.settings);
      expect(c.status).toBe(200);
      const got = (await w.api.get(`/api/2.1/jobs/get?job_id=${c.json.job_id}`)).json;
      expect(diffFields(want.settings, got.settings)).toEqual([]);
      // Server-made fields: there, and of the recorded types.
      const { settings: _s, ...made } = want;
      expect(diffFields(made, got, "", true)).toEqual([]);
      expect(got.creator_user_name).toBe(want.creator_user_name);
    },
  );

  it("permissions PUT of a recorded job ACL's own entries reads back the recorded ACL, inherited admins included", async () => {
    const want = recorded("get-job-permissions-14.json");
    const c = await w.api.post("/api/2.1/jobs/create", recorded("get-job-14.json").settings);
    const id = c.json.job_id;
    const own = want.access_control_list
      .filter((e: { all_permissions: { inherited: boolean }[] }) => !e.all_permissions[0].inherited)
      .filter(
        (e: { all_permissions: { permission_level: string }[] }) =>
          e.all_permissions[0].permission_level !== "IS_OWNER",
      )
      .map(
        (e: {
          user_name?: string;
          group_name?: string;
          all_permissions: { permission_level: string }[];
        }) => ({
          ...(e.user_name ? { user_name: e.user_name } : { group_name: e.group_name }),
          permission_level: e.all_permissions[0].permission_level,
        }),
      );
    expect((await w.api.put(`/api/2.0/permissions/jobs/${id}`, { access_control_list: own })).status).toBe(
      200,
    );
    const got = (await w.api.get(`/api/2.0/permissions/jobs/${id}`)).json;
    const byPrincipal = (acl: { user_name?: string; group_name?: string }[]) =>
      Object.fromEntries(acl.map((e) => [e.user_name ?? e.group_name, e]));
    expect(diffFields(byPrincipal(want.access_control_list), byPrincipal(got.access_control_list))).toEqual(
      [],
    );
    expect(got.object_type).toBe(want.object_type);
    expect(got.object_id).toBe(`/jobs/${id}`);
  });

  it.each(["get-cluster-test1-response.json"])("clusters/create then get: %s", async (f) => {
    const want = recorded(f);
    const settable = [
      "autotermination_minutes",
      "azure_attributes",
      "cluster_name",
      "driver_node_type_id",
      "enable_elastic_disk",
      "enable_local_disk_encryption",
      "node_type_id",
      "num_workers",
      "autoscale",
      "spark_conf",
      "spark_env_vars",
      "spark_version",
      "custom_tags",
      "init_scripts",
      "cluster_log_conf",
      "instance_pool_id",
      "policy_id",
    ];
    const body = Object.fromEntries(Object.entries(want).filter(([k]) => settable.includes(k)));
    const c = await w.api.post("/api/2.0/clusters/create", body);
    expect(c.status).toBe(200);
    const got = (await w.api.get(`/api/2.0/clusters/get?cluster_id=${c.json.cluster_id}`)).json;
    expect(diffFields(body, got)).toEqual([]);
    // What the service adds to a running cluster, with the recorded types.
    const made = [
      "cluster_cores",
      "cluster_memory_mb",
      "default_tags",
      "driver",
      "executors",
      "spark_context_id",
      "start_time",
      "state",
      "creator_user_name",
      "cluster_source",
      "disk_spec",
      "jdbc_port",
    ];
    const recordedMade = Object.fromEntries(made.filter((k) => k in want).map((k) => [k, want[k]]));
    expect(diffFields(recordedMade, got, "", true)).toEqual([]);
  });

  // Each recorded ACL: its own (non-inherited, non-owner) entries PUT on an object made through the API,
  // then the whole recorded ACL, inherited entries included, must read back.
  const ACLS: [string, string, () => Promise<string>][] = [
    [
      "get-job-permissions-12.json",
      "jobs",
      async () =>
        String((await w.api.post("/api/2.1/jobs/create", recorded("get-job-12.json").settings)).json.job_id),
    ],
    [
      "get-job-permissions-15.json",
      "jobs",
      async () =>
        String((await w.api.post("/api/2.1/jobs/create", recorded("get-job-15.json").settings)).json.job_id),
    ],
    [
      "get-cluster-permissions-test1-response.json",
      "clusters",
      async () =>
        (
          await w.api.post("/api/2.0/clusters/create", {
            cluster_name: "p",
            spark_version: "15.4.x-scala2.12",
            node_type_id: "Standard_DS3_v2",
            num_workers: 0,
          })
        ).json.cluster_id,
    ],
    [
      "get-cluster-policy-permissions.json",
      "cluster-policies",
      async () =>
        (await w.api.post("/api/2.0/policies/clusters/create", { name: "p1", definition: "{}" })).json
          .policy_id,
    ],
  ];
  it.each(ACLS)("permissions PUT then GET reads back %s", async (f, type, make) => {
    const want = recorded(f);
    const id = await make();
    type Entry = {
      user_name?: string;
      group_name?: string;
      service_principal_name?: string;
      all_permissions: { inherited: boolean; permission_level: string }[];
    };
    const who = (e: Entry) => e.user_name ?? e.group_name ?? e.service_principal_name;
    const own = (want.access_control_list as Entry[])
      .flatMap((e) =>
        e.all_permissions
          .filter((p) => !p.inherited && p.permission_level !== "IS_OWNER")
          .map((p) => ({ e, p })),
      )
      .map(({ e, p }) => ({
        ...(e.user_name
          ? { user_name: e.user_name }
          : e.group_name
            ? { group_name: e.group_name }
            : { service_principal_name: e.service_principal_name }),
        permission_level: p.permission_level,
      }));
    expect((await w.api.put(`/api/2.0/permissions/${type}/${id}`, { access_control_list: own })).status).toBe(
      200,
    );
    const got = (await w.api.get(`/api/2.0/permissions/${type}/${id}`)).json;
    const byPrincipal = (acl: Entry[]) => Object.fromEntries(acl.map((e) => [who(e), e]));
    expect(diffFields(byPrincipal(want.access_control_list), byPrincipal(got.access_control_list))).toEqual(
      [],
    );
    expect(got.object_type).toBe(want.object_type);
  });

  it("Key Vault secret scope create and ACL put read back as recorded", async () => {
    const scope = recorded("secret-scopes-response.json").scopes[0];
    const c = await w.api.post("/api/2.0/secrets/scopes/create", {
      scope: scope.name,
      scope_backend_type: scope.backend_type,
      backend_azure_keyvault: scope.keyvault_metadata,
    });
    expect(c.status).toBe(200);
    const listed = (await w.api.get("/api/2.0/secrets/scopes/list")).json.scopes.find(
      (x: { name: string }) => x.name === scope.name,
    );
    expect(diffFields(scope, listed)).toEqual([]);
    const acl = recorded("secret-scopes-get-principal-response.json");
    expect((await w.api.post("/api/2.0/secrets/acls/put", { scope: scope.name, ...acl })).status).toBe(200);
    const got = (await w.api.get(`/api/2.0/secrets/acls/get?scope=${scope.name}&principal=${acl.principal}`))
      .json;
    expect(diffFields(acl, got)).toEqual([]);
  });

  it("libraries install on a running cluster, then cluster-status as recorded", async () => {
    const want = recorded("libraries-cluster-status-test1.json");
    const c = await w.api.post("/api/2.0/clusters/create", {
      cluster_name: "libs",
      spark_version: "15.4.x-scala2.12",
      node_type_id: "Standard_DS3_v2",
      num_workers: 1,
    });
    const id = c.json.cluster_id;
    expect((await w.api.get(`/api/2.0/clusters/get?cluster_id=${id}`)).json.state).toBe("RUNNING");
    const libraries = want.library_statuses.map((l: { library: unknown }) => l.library);
    expect((await w.api.post("/api/2.0/libraries/install", { cluster_id: id, libraries })).status).toBe(200);
    const got = (await w.api.get(`/api/2.0/libraries/cluster-status?cluster_id=${id}`)).json;
    expect(diffFields({ ...want, cluster_id: id }, got)).toEqual([]);
  });

  it("global init scripts created in order list as recorded", async () => {
    const want = recorded("global-init-scripts-list.json");
    const fresh = await start({ workspace: "empty" });
    try {
      const a = client(fresh);
      for (const s of want.scripts)
        expect(
          (
            await a.post("/api/2.0/global-init-scripts", {
              name: s.name,
              script: Buffer.from("#!/bin/sh\n").toString("base64"),
              position: s.position,
              enabled: s.enabled,
            })
          ).status,
        ).toBe(200);
      const got = (await a.get("/api/2.0/global-init-scripts")).json;
      const { scripts } = want;
      const values = scripts.map(({ name, position, enabled }: Record<string, unknown>) => ({
        name,
        position,
        enabled,
      }));
      expect(diffFields({ scripts: values }, got)).toEqual([]);
      expect(diffFields(want, got, "", true)).toEqual([]);
      expect(got.scripts[0].script).toBeUndefined(); // the list has no content
    } finally {
      await fresh.close();
    }
  });

  it("global init script create then get", async () => {
    const want = recorded("global-init-script-get1.json");
    const { name, script, position, enabled } = want;
    const c = await w.api.post("/api/2.0/global-init-scripts", { name, script, position, enabled });
    expect(c.status).toBe(200);
    const got = (await w.api.get(`/api/2.0/global-init-scripts/${c.json.script_id}`)).json;
    expect(diffFields({ name, script, position, enabled }, got)).toEqual([]);
    expect(diffFields(want, got, "", true)).toEqual([]);
  });

  it("SQL warehouse create then get", async () => {
    const want = recorded("get-sql-endpoint.json");
    const settable = [
      "name",
      "cluster_size",
      "auto_stop_mins",
      "max_num_clusters",
      "min_num_clusters",
      "enable_photon",
      "enable_serverless_compute",
      "spot_instance_policy",
      "channel",
      "tags",
    ];
    const body = Object.fromEntries(Object.entries(want).filter(([k]) => settable.includes(k)));
    const c = await w.api.post("/api/2.0/sql/warehouses", body);
    expect(c.status).toBe(200);
    const got = (await w.api.get(`/api/2.0/sql/warehouses/${c.json.id}`)).json;
    expect(diffFields(body, got)).toEqual([]);
    const made = [
      "id",
      "creator_name",
      "jdbc_url",
      "odbc_params",
      "state",
      "num_clusters",
      "num_active_sessions",
    ];
    expect(diffFields(Object.fromEntries(made.map((k) => [k, want[k]])), got, "", true)).toEqual([]);
  });
});
