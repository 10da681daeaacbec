/**
 * verify expects what the stack adds to a Unity Catalog secondary, as the README documents it (the access
 * connector's credential, the deep-clone job's share catalog, job and notebook, with their permissions),
 * and still counts any other extra against the secondary.
 */
import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { removeWrittenSnapshots, SnapshotBuilder } from "../helpers/snapshot-builder";
import { directory, grant, job, permissions, user } from "../helpers/descriptor-factories";

afterAll(removeWrittenSnapshots);

const ADMIN = "admin@contoso.com";
const base = () => new SnapshotBuilder().add("user", user(ADMIN));

function withStackAdditions(b: SnapshotBuilder): SnapshotBuilder {
  const nb = "/Shared/databricks-dr/deep-clone-managed-tables";
  return b
    .add("uc-storage-credential", {
      id: "cred-s",
      name: "dbdr-secondary-access-connector",
      readOnly: false,
      azureManagedIdentity: {
        accessConnectorId:
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Databricks/accessConnectors/ac",
      },
      comment: "databricks-dr: the secondary's access connector",
      grants: [],
    })
    .add("uc-catalog", {
      id: "sales_dr_share",
      name: "sales_dr_share",
      catalogType: "DELTASHARING_CATALOG",
      providerName: "primary",
      shareName: "sales_dr",
      workspaceBindings: [],
      properties: {},
      comment: "databricks-dr: sales's managed tables shared by the primary, for the deep-clone job",
      grants: [],
    })
    .add("job", job(900001, "databricks-dr: deep-clone managed tables"))
    .add("directory", directory("/Shared/databricks-dr"))
    .notebook(nb, "-- Databricks notebook source\nSELECT 1\n", "SQL")
    .add("permissions", permissions("jobs", "900001", [grant("user", ADMIN, "IS_OWNER")]))
    .add("permissions", permissions("notebooks", nb, [grant("user", ADMIN, "CAN_MANAGE")]));
}

const unexpected = (s: SnapshotBuilder) =>
  compareSnapshots(readSnapshot(base().write()), readSnapshot(s.write()))
    .objects.filter((o) => o.unexpected)
    .map((o) => `${o.kind} ${o.key} ${o.status}`);

it("the stack's own additions are expected extras, each with its reason", () => {
  const s = withStackAdditions(base());
  expect(unexpected(s)).toEqual([]);
  const r = compareSnapshots(readSnapshot(base().write()), readSnapshot(s.write()));
  const extras = r.objects.filter((o) => o.status === "extra");
  expect(extras).toHaveLength(7);
  for (const o of extras) expect(o.reason).toContain("added by the stack");
});

it("any other extra still counts: an unmarked credential, another job, a notebook elsewhere", () => {
  const s = withStackAdditions(base())
    .add("uc-storage-credential", {
      id: "cred-x",
      name: "hand-made",
      readOnly: false,
      azureManagedIdentity: { accessConnectorId: "/x" },
      grants: [],
    })
    .add("job", job(900002, "databricks-dr: something else"))
    .notebook("/Shared/databricks-dr-old/x", "-- Databricks notebook source\n", "SQL");
  expect(unexpected(s).sort()).toEqual([
    "job databricks-dr: something else extra",
    "notebook /Shared/databricks-dr-old/x extra",
    "uc-storage-credential hand-made extra",
  ]);
});
