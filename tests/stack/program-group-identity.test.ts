/**
 * Groups are keyed by the primary's SCIM id (issue 9: identity is the source id), named by their current
 * displayName wherever an API names a group: grants (per object, ACL batches, folder-tree sync), secret
 * ACLs and the group itself, which carries its marker in externalId. Every group here has an id that is
 * not its name, so a name-keyed program (or one that sent the id as a name) fails.
 */
import { group, grant, job, permissions, user } from "../helpers/descriptor-factories";
import { removeWrittenSnapshots, SnapshotBuilder } from "../helpers/snapshot-builder";
import { buildStack, secondaryValues } from "./helpers/build";

const D = "pulumi-nodejs:dynamic/databricks-dr:";
const ALICE = "alice@contoso.com";

function snapshot(): string {
  return new SnapshotBuilder()
    .add("user", user(ALICE))
    .add(
      "group",
      group("analysts", [{ kind: "user", id: ALICE }], { id: "8101" }),
      group("data-eng", [{ kind: "group", id: "8101" }], { id: "8102" }),
    )
    .add("directory", { id: "/Shared/etl", path: "/Shared/etl" })
    .notebook("/Shared/etl/ingest", "# Databricks notebook source\n1\n")
    .add("job", job(14, "nightly"))
    .add(
      "permissions",
      permissions("jobs", "14", [grant("group", "8101", "CAN_VIEW"), grant("user", ALICE, "IS_OWNER")]),
      permissions("notebooks", "/Shared/etl/ingest", [grant("group", "8102", "CAN_RUN")]),
    )
    .add("secret-scope", {
      id: "etl",
      name: "etl",
      backend: "DATABRICKS",
      keys: [],
      acls: [{ principal: "analysts", permission: "READ" }],
    })
    .write();
}

afterAll(() => removeWrittenSnapshots());

it("per object: a Group per SCIM id with its marker; grants and secret ACLs name its displayName", async () => {
  const { world } = await buildStack(secondaryValues(snapshot()));
  const groups = world.byType("databricks:index/group:Group");
  expect(groups.map((g) => [g.name, g.inputs.displayName, g.inputs.externalId]).sort()).toEqual([
    ["group:8101", "analysts", "databricks-dr-source-id:8101"],
    ["group:8102", "data-eng", "databricks-dr-source-id:8102"],
  ]);
  const perms = world.byType("databricks:index/permissions:Permissions");
  const onJob = perms.find((p) => p.inputs.jobId !== undefined)!;
  expect(onJob.inputs.accessControls).toContainEqual({ groupName: "analysts", permissionLevel: "CAN_VIEW" });
  const onNotebook = perms.find((p) => p.inputs.notebookPath !== undefined)!;
  expect(onNotebook.inputs.accessControls).toEqual([{ groupName: "data-eng", permissionLevel: "CAN_RUN" }]);
  const secretAcls = world.byType("databricks:index/secretAcl:SecretAcl");
  expect(secretAcls.map((a) => [a.inputs.principal, a.inputs.permission])).toEqual([["analysts", "READ"]]);
  // The nested member is the other group, by its secondary SCIM id.
  const all = world.byType(`${D}GroupMembers`).flatMap((m) => Object.keys(m.inputs.members as object));
  expect(all.sort()).toEqual(["group:8101", "user:alice@contoso.com"]);
}, 60000);

it("batched: members keyed by SCIM id, marked; ACL batch and folder-tree lines name the group by displayName", async () => {
  const { world } = await buildStack(
    secondaryValues(snapshot(), {
      granularity: JSON.stringify({ groupsPerObjectMax: 0, aclsPerObjectMax: 0, notebooksPerObjectMax: 0 }),
    }),
  );
  const principals = Object.assign(
    {},
    ...world.byType(`${D}GroupBatch`).map((b) => b.inputs.principals as object),
  ) as Record<string, { name: string; externalId?: string }>;
  expect(principals).toEqual({
    "8101": { name: "analysts", externalId: "databricks-dr-source-id:8101", entitlements: [] },
    "8102": { name: "data-eng", externalId: "databricks-dr-source-id:8102", entitlements: [] },
  });
  const aclLines = world
    .byType(`${D}AclBatch`)
    .flatMap((b) => Object.values(b.inputs.objects as Record<string, { acl: string }>).map((o) => o.acl));
  expect(aclLines).toEqual(["group:analysts=CAN_VIEW;user:alice@contoso.com=IS_OWNER"]);
  const treeAcls = world
    .byType(`${D}WorkspaceTreeSync`)
    .flatMap((u) => Object.values(u.inputs.acls as Record<string, string>));
  expect(treeAcls).toEqual(["group:data-eng=CAN_RUN"]);
}, 60000);
