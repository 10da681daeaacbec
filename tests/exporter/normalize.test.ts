import * as fs from "node:fs";
import * as path from "node:path";
import { KINDS } from "../../kinds/registry";
import { librariesFrom, normalizeCluster } from "../../kinds/cluster/exporter";
import { normalizeJob } from "../../kinds/job/exporter";
import { normalizeSqlWarehouse } from "../../kinds/sql-warehouse/exporter";
import { normalizeSecretScope } from "../../kinds/secret-scope/exporter";
import { normalizeGroup } from "../../kinds/group/exporter";
import { ownAcl } from "../../exporters/normalize";
import { SkipError } from "../../exporters/types";

const FIX = path.join(__dirname, "..", "fixtures", "databricks-api");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any => JSON.parse(fs.readFileSync(path.join(FIX, name), "utf8"));

describe("cluster normalization (fixtures)", () => {
  const libs = librariesFrom(fixture("libraries-cluster-status-test1.json").library_statuses);

  it("strips read-only fields and keeps every setting", () => {
    const raw = fixture("get-cluster-test1-response.json");
    const d = normalizeCluster(raw, libs);
    expect(KINDS.cluster.schema.parse(d)).toEqual(d);
    expect(d).toMatchObject({ id: "test1", name: "Test1", source: "UI", pinned: true });
    for (const f of [
      "state",
      "state_message",
      "cluster_source",
      "creator_user_name",
      "default_tags",
      "driver",
      "executors",
      "spark_context_id",
      "jdbc_port",
      "start_time",
      "last_state_loss_time",
      "cluster_cores",
      "cluster_memory_mb",
      "cluster_id",
      "pinned_by_user_name",
    ])
      expect(d.spec).not.toHaveProperty(f);
    expect(d.spec).toEqual({
      autotermination_minutes: 120,
      azure_attributes: raw.azure_attributes,
      cluster_name: "Test1",
      disk_spec: {},
      driver_node_type_id: "Standard_DS3_v2",
      enable_elastic_disk: true,
      enable_local_disk_encryption: true,
      init_scripts: raw.init_scripts,
      node_type_id: "Standard_DS3_v2",
      num_workers: 2,
      spark_conf: raw.spark_conf,
      spark_version: "7.3.x-scala2.12",
    });
    expect(d.libraries).toHaveLength(6);
    expect(KINDS.cluster.references(d).map((r) => `${r.kind}:${r.id}`)).toContain(
      "dbfs-file:dbfs:/FileStore/jars/test.jar",
    );
  });

  it("carries AWS settings without loss and prefers `spec` when present", () => {
    const raw = fixture("get-cluster-awscluster-response.json");
    expect(normalizeCluster(raw, []).spec).toMatchObject({
      aws_attributes: raw.aws_attributes,
      custom_tags: { KeepAlive: "True" },
    });
    const withSpec = normalizeCluster({ ...raw, spec: { cluster_name: "AWS cluster", num_workers: 3 } }, []);
    expect(withSpec.spec).toEqual({ cluster_name: "AWS cluster", num_workers: 3 });
  });

  it.each(["JOB", "PIPELINE", "PIPELINE_MAINTENANCE", "SQL", "MODELS"])(
    "refuses cluster_source %s with a reason",
    (src) => {
      expect(() => normalizeCluster({ cluster_id: "c", cluster_name: "c", cluster_source: src }, [])).toThrow(
        SkipError,
      );
      expect(() => normalizeCluster({ cluster_id: "c", cluster_name: "c", cluster_source: src }, [])).toThrow(
        new RegExp(`cluster_source ${src}`),
      );
    },
  );

  it("drops libraries being uninstalled", () => {
    expect(
      librariesFrom([
        { library: { jar: "a" }, status: "UNINSTALL_ON_RESTART" },
        { library: { jar: "b" }, status: "FAILED" },
      ]),
    ).toEqual([{ jar: "b" }]);
  });
});

describe("job normalization (fixtures)", () => {
  it("keeps settings, pause state and references; drops read-only fields", () => {
    const d = normalizeJob(fixture("get-job-14.json"));
    expect(KINDS.job.schema.parse(d)).toEqual(d);
    expect(d).toMatchObject({ id: "14", name: "Demo job", originalPause: { schedule: "UNPAUSED" } });
    expect(d.settings).toEqual(fixture("get-job-14.json").settings);
    expect(d).not.toHaveProperty("created_time");
    expect(JSON.stringify(d)).not.toContain("creator_user_name");
  });

  it("turns run_as into runAs and keeps a service principal apart", () => {
    const base = fixture("get-job-12.json");
    expect(normalizeJob({ ...base, run_as_user_name: "test@test.com" }).runAs).toBeUndefined();
    expect(normalizeJob({ ...base, run_as_user_name: "11111111-2222-3333-4444-555555555555" }).runAs).toEqual(
      {
        servicePrincipalName: "11111111-2222-3333-4444-555555555555",
      },
    );
    const d = normalizeJob({ ...base, settings: { ...base.settings, run_as: { user_name: "x@y.z" } } });
    expect(d.runAs).toEqual({ userName: "x@y.z", servicePrincipalName: undefined });
    expect(d.settings).not.toHaveProperty("run_as");
    expect(KINDS.job.references(d).map((r) => r.field)).toEqual(
      expect.arrayContaining([
        "settings.tasks[0].existing_cluster_id",
        "settings.tasks[0].notebook_task.notebook_path",
        "runAs.userName",
      ]),
    );
  });

  it("keeps each trigger's own pause state", () => {
    const d = normalizeJob({
      job_id: 1,
      settings: {
        name: "t",
        schedule: { pause_status: "PAUSED" },
        continuous: {},
        trigger: { pause_status: "UNPAUSED" },
      },
    });
    expect(d.originalPause).toEqual({ schedule: "PAUSED", continuous: "UNPAUSED", trigger: "UNPAUSED" });
  });
});

/** The fixtures' groups by name -> a SCIM id (the permissions API names groups by name). */
const FIXTURE_GROUPS = new Map([
  ["admins", "7100000000000001"],
  ["users", "7100000000000002"],
  ["Automation", "7100000000000003"],
  ["Engineering", "7100000000000004"],
]);
const groupIdOf = (name: string) => FIXTURE_GROUPS.get(name);

describe("permissions normalization (fixture quirks)", () => {
  it("drops inherited entries, whatever inherited_from_object says (even the /instnace-pools/ typo)", () => {
    expect(ownAcl(fixture("get-instance-pool1-permissions.json"), groupIdOf)).toEqual([
      { principal: { kind: "user", id: "test@test.com" }, level: "CAN_MANAGE" },
    ]);
    // Groups by their SCIM id (their source id): a renamed group keeps its grants.
    expect(
      ownAcl(fixture("get-job-permissions-14.json"), groupIdOf).map(
        (a) => `${a.principal.kind}:${a.principal.id}=${a.level}`,
      ),
    ).toEqual([
      "group:7100000000000002=CAN_VIEW",
      "group:7100000000000003=CAN_MANAGE_RUN",
      "group:7100000000000004=CAN_MANAGE",
      "user:test@test.com=IS_OWNER",
    ]);
  });

  it("reads a capitalised Permission_level and ACLs with no all_permissions", () => {
    const dir = fixture("get-directory-permissions.json");
    dir.access_control_list[1].all_permissions[0].inherited = false;
    expect(ownAcl(dir, groupIdOf)).toEqual([
      { principal: { kind: "group", id: "7100000000000001" }, level: "CAN_MANAGE" },
    ]);
    expect(ownAcl(fixture("get-sql-alert-permissions.json"), groupIdOf)).toEqual([
      { principal: { kind: "group", id: "7100000000000002" }, level: "CAN_RUN" },
      { principal: { kind: "user", id: "test@domain.com" }, level: "CAN_MANAGE" },
    ]);
    expect(ownAcl(fixture("get-notebook-permissions.json"), groupIdOf)).toEqual([]);
    expect(
      ownAcl(
        {
          access_control_list: [
            { service_principal_name: "app-1", all_permissions: [{ permission_level: "CAN_USE" }] },
          ],
        },
        groupIdOf,
      ),
    ).toEqual([{ principal: { kind: "service-principal", id: "app-1" }, level: "CAN_USE" }]);
  });

  it("a grant to a group the SCIM API does not list is left out and reported, never kept by name", () => {
    const unknown: string[] = [];
    const acl = ownAcl(
      { access_control_list: [{ group_name: "ghosts", all_permissions: [{ permission_level: "CAN_RUN" }] }] },
      groupIdOf,
      (name) => unknown.push(name),
    );
    expect(acl).toEqual([]);
    expect(unknown).toEqual(["ghosts"]);
  });
});

describe("other kinds (fixtures)", () => {
  it("SQL warehouse: strips state, health, jdbc_url, odbc_params, creator, num_clusters", () => {
    const d = normalizeSqlWarehouse(fixture("get-sql-endpoint.json"));
    expect(KINDS["sql-warehouse"].schema.parse(d)).toEqual(d);
    for (const f of [
      "id",
      "state",
      "jdbc_url",
      "odbc_params",
      "creator_id",
      "creator_name",
      "num_clusters",
      "num_active_sessions",
    ])
      expect(d.spec).not.toHaveProperty(f);
    expect(d.spec).toMatchObject({
      name: "Test",
      cluster_size: "2X-Small",
      auto_stop_mins: 30,
      enable_photon: true,
    });
  });

  it("Key Vault secret scope: metadata, key names and ACLs, never values", () => {
    const scope = fixture("secret-scopes-response.json").scopes[0];
    const d = normalizeSecretScope(scope, fixture("secret-scopes-list-scope-response.json").secrets, [
      fixture("secret-scopes-get-principal-response.json"),
    ]);
    expect(d).toEqual({
      id: "some-kv-scope",
      name: "some-kv-scope",
      backend: "AZURE_KEYVAULT",
      keyVault: { resourceId: scope.keyvault_metadata.resource_id, dnsName: "https://some.vault.azure.net/" },
      keys: ["some-secret"],
      acls: [{ principal: "test@test.com", permission: "MANAGE" }],
    });
  });

  it("a group is keyed by its SCIM id; members resolve to their source ids through $ref or the lists", () => {
    const names = {
      users: new Map([["1", "a@x.com"]]),
      groups: new Map([["2", "2"]]),
      sps: new Map([["3", "app-id-3"]]),
      groupIds: new Map([["admins", "2"]]),
    };
    const lost: string[] = [];
    const g = normalizeGroup(
      {
        id: "41",
        displayName: "eng",
        members: [
          { value: "3", $ref: "ServicePrincipals/3" },
          { value: "1", $ref: "https://host/api/2.0/preview/scim/v2/Users/1" },
          { value: "2" },
          { value: "9", display: "ghost" },
        ],
        entitlements: [{ value: "workspace-access" }, { value: "allow-cluster-create" }],
      },
      names,
      (m) => lost.push(m),
    );
    expect(g.id).toBe("41");
    expect(g.displayName).toBe("eng");
    expect(g.members).toEqual([
      { kind: "group", id: "2" },
      { kind: "service-principal", id: "app-id-3" },
      { kind: "user", id: "a@x.com" },
    ]);
    expect(g.entitlements).toEqual(["allow-cluster-create", "workspace-access"]);
    expect(lost).toEqual(["9"]);
  });
});
