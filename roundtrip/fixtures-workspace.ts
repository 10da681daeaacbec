/**
 * The workspace built from the shared fixtures (tests/fixtures/databricks-api): their bodies, verbatim, in
 * the emulator's DIR layout (emulator/seeds/shared-fixtures.ts), plus what those bodies name but the
 * recording left out, so that it is a workspace that could exist: the principals its ACLs and jobs name and
 * the built-in groups with their default entitlements (no SCIM call was recorded), the cluster policy and
 * instance pool its cluster and job use, the notebooks its jobs run, the clusters/get answer for the cluster
 * the list shows with only an id and a name, and the creator's grants every cluster, job and scope has. No
 * fixture is changed: companions are extra files beside them. (`fixtures-raw` in the harness is the
 * recording alone: there the stack must report what it cannot replicate.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeSharedFixtures } from "../emulator/seeds/shared-fixtures";

const USER_SCHEMAS = [
  "urn:ietf:params:scim:schemas:core:2.0:User",
  "urn:ietf:params:scim:schemas:extension:workspace:2.0:User",
];
const GROUP_SCHEMAS = ["urn:ietf:params:scim:schemas:core:2.0:Group"];

const user = (id: string, userName: string, displayName: string, entitlements: string[] = []) => ({
  id,
  userName,
  displayName,
  active: true,
  emails: [{ type: "work", value: userName, primary: true }],
  ...(entitlements.length ? { entitlements: entitlements.map((value) => ({ value })) } : {}),
  schemas: USER_SCHEMAS,
});

const group = (
  id: string,
  displayName: string,
  members: { id: string; name: string }[],
  entitlements: string[] = [],
) => ({
  id,
  displayName,
  members: members.map((m) => ({ display: m.name, value: m.id, $ref: `Users/${m.id}` })),
  ...(entitlements.length ? { entitlements: entitlements.map((value) => ({ value })) } : {}),
  schemas: GROUP_SCHEMAS,
  meta: { resourceType: "WorkspaceGroup" },
});

/** A permissions body as GET answers it: the creator's own grant, the admins' inherited one. */
const creatorAcl = (objectId: string, objectType: string, level: string, adminsFrom: string) => ({
  object_id: objectId,
  object_type: objectType,
  access_control_list: [
    { user_name: "test@test.com", all_permissions: [{ permission_level: level, inherited: false }] },
    {
      group_name: "admins",
      all_permissions: [
        { permission_level: "CAN_MANAGE", inherited: true, inherited_from_object: [adminsFrom] },
      ],
    },
  ],
});

const ADMIN = { id: "7000000000000001", name: "admin@example.com" };
const TEST = { id: "7000000000000002", name: "test@test.com" };
const OTHER = { id: "7000000000000003", name: "user@domain.com" };
const SQL_OWNER = { id: "7000000000000004", name: "test@domain.com" };

/** DIR path -> body of the companions. */
export const FIXTURE_COMPANIONS: Readonly<Record<string, unknown>> = {
  // The workspace admin who also administers the DR secondary (the emulators' current user), the creator
  // of the fixtures' jobs and clusters, and the owner of the SQL warehouse.
  [`scim/Users/${ADMIN.id}.json`]: user(ADMIN.id, ADMIN.name, "Workspace Admin", [
    "allow-cluster-create",
    "allow-instance-pool-create",
  ]),
  [`scim/Users/${TEST.id}.json`]: user(TEST.id, TEST.name, "Test User", ["allow-cluster-create"]),
  [`scim/Users/${OTHER.id}.json`]: user(OTHER.id, OTHER.name, "Domain User"),
  // The SQL alert's owner, whom the recorded SQL query and alert ACLs grant CAN_MANAGE.
  [`scim/Users/${SQL_OWNER.id}.json`]: user(SQL_OWNER.id, SQL_OWNER.name, "SQL User", [
    "databricks-sql-access",
  ]),
  // The built-in groups, with the entitlements every workspace gives them.
  "scim/Groups/7100000000000001.json": group(
    "7100000000000001",
    "admins",
    [ADMIN, TEST],
    ["allow-cluster-create", "allow-instance-pool-create", "databricks-sql-access", "workspace-access"],
  ),
  "scim/Groups/7100000000000002.json": group(
    "7100000000000002",
    "users",
    [],
    ["databricks-sql-access", "workspace-access"],
  ),
  "scim/Groups/7100000000000003.json": group("7100000000000003", "Automation", [TEST]),
  "scim/Groups/7100000000000004.json": group("7100000000000004", "Engineering", [TEST, OTHER]),
  // The policy cluster test2 uses, and policy 123 whose permissions the fixtures hold.
  "policies/305F640038000012.json": {
    policy_id: "305F640038000012",
    name: "Test cluster policy",
    definition: JSON.stringify({
      spark_version: { type: "fixed", value: "7.3.x-scala2.12" },
      autotermination_minutes: { type: "range", maxValue: 60, defaultValue: 10 },
    }),
    created_at_timestamp: 1602168336000,
    creator_user_name: TEST.name,
  },
  "policies/123.json": {
    policy_id: "123",
    name: "Users policy",
    definition: JSON.stringify({ node_type_id: { type: "allowlist", values: ["Standard_DS3_v2"] } }),
    created_at_timestamp: 1602168336000,
    creator_user_name: TEST.name,
  },
  // The pool job 15 runs on, whose permissions the fixtures hold.
  "instance-pools/pool1.json": {
    instance_pool_id: "pool1",
    instance_pool_name: "pool1",
    node_type_id: "Standard_DS3_v2",
    min_idle_instances: 0,
    idle_instance_autotermination_minutes: 60,
    azure_attributes: { availability: "ON_DEMAND_AZURE" },
    state: "ACTIVE",
  },
  // The pool (driver and workers) of the recorded DLT pipeline's cluster.
  "instance-pools/123.json": {
    instance_pool_id: "123",
    instance_pool_name: "dlt-pool",
    node_type_id: "Standard_DS3_v2",
    min_idle_instances: 0,
    idle_instance_autotermination_minutes: 60,
    azure_attributes: { availability: "ON_DEMAND_AZURE" },
    state: "ACTIVE",
  },
  // clusters/get answers settings for every cluster; the list shows 23443 with only id and name.
  "clusters/23443.json": {
    cluster_id: "23443",
    cluster_name: "terraform-abc",
    spark_version: "7.3.x-scala2.12",
    node_type_id: "Standard_DS3_v2",
    num_workers: 1,
    autotermination_minutes: 60,
    creator_user_name: TEST.name,
    cluster_source: "UI",
    state: "TERMINATED",
  },
  // Every cluster and job has its creator's grant; the recording holds the ACLs of some only.
  "permissions/clusters/test2.json": creatorAcl("/clusters/test2", "cluster", "CAN_MANAGE", "/clusters/"),
  "permissions/clusters/23443.json": creatorAcl("/clusters/23443", "cluster", "CAN_MANAGE", "/clusters/"),
  "permissions/jobs/17.json": creatorAcl("/jobs/17", "job", "IS_OWNER", "/jobs/"),
  "permissions/instance-pools/123.json": creatorAcl(
    "/instance-pools/123",
    "instance-pool",
    "CAN_MANAGE",
    "/instance-pools/",
  ),
  // Whoever creates a scope holds MANAGE on it (the recording has the ACL of one principal only).
  [`secrets/some-kv-scope/acls/${ADMIN.name}.json`]: { principal: ADMIN.name, permission: "MANAGE" },
};

/** The notebooks the fixtures' jobs run (SOURCE format, as workspace/export answers). */
export const FIXTURE_NOTEBOOKS: Readonly<Record<string, string>> = {
  "workspace/Users/test@test.com/Test.py": "# Databricks notebook source\nprint('test')\n",
  "workspace/Production/MakeFeatures.py":
    "# Databricks notebook source\nfeatures = spark.table('raw.events')\n\n# COMMAND ----------\n\nfeatures.write.saveAsTable('features')\n",
};

/** Writes the fixtures workspace as a DIR at `dir`; returns the companion files written. */
export function writeFixturesWorkspace(dir: string): string[] {
  writeSharedFixtures(dir);
  const written: string[] = [];
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    if (fs.existsSync(file)) throw new Error(`${rel}: a companion would replace a fixture`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(rel);
  };
  for (const [rel, body] of Object.entries(FIXTURE_COMPANIONS)) write(rel, JSON.stringify(body, null, 2));
  for (const [rel, text] of Object.entries(FIXTURE_NOTEBOOKS)) write(rel, text);
  return written;
}
