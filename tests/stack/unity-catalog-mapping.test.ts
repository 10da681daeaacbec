/**
 * The pure Unity Catalog mappings, without Pulumi: locations through the storage map (RA-GRS endpoint
 * read-only, unmapped refused with the manual action's text), the accounts the connector must reach,
 * catalogs and credentials the stack refuses, and the clone SQL.
 */
import { accountsNeedingAccess, secondaryLocation } from "../../components/mapping/uc-locations";
import {
  catalogArgs,
  externalLocationArgs,
  storageCredentialArgs,
} from "../../components/mapping/uc-securables";
import { deepCloneSql, clonePauseStatus } from "../../components/mapping/uc-deep-clone";
import { userProperties } from "../../components/mapping/uc-tables";
import { ucDescriptors } from "./helpers/uc-descriptors";
import type { UcCatalogDescriptor, UcTableDescriptor } from "../../kinds/unity-catalog";

const RAGRS = { accounts: { primarysa: "primarysa-secondary" } };

it("the RA-GRS read-access endpoint is registered read-only, with a note", () => {
  const r = secondaryLocation("abfss://c@primarysa.dfs.core.windows.net/p", RAGRS, "url");
  expect(r).toMatchObject({
    ok: true,
    url: "abfss://c@primarysa-secondary.dfs.core.windows.net/p",
    readOnly: true,
  });
  const loc = ucDescriptors()["uc-external-location"]![0] as never;
  const m = externalLocationArgs(loc, "cred", RAGRS);
  expect(m.ok && m.args.readOnly).toBe(true);
  expect(m.notes.join()).toContain("read-only");
});

it("an unmapped location is refused with what to add; a kept one stays as it is", () => {
  const r = secondaryLocation("abfss://c@other.dfs.core.windows.net/", { accounts: {} }, "url");
  expect(r.ok).toBe(false);
  expect(!r.ok && r.reason).toContain("databricks-dr:storageMap.accounts");
  expect(
    secondaryLocation("abfss://c@grs.dfs.core.windows.net/x", { accounts: { grs: "keep" } }, "url"),
  ).toEqual({
    ok: true,
    url: "abfss://c@grs.dfs.core.windows.net/x",
    account: "grs",
    readOnly: false,
    notes: [],
  });
});

it("the connector must be granted on every account but the secondary's own", () => {
  expect(accountsNeedingAccess(["drwestsa", "grs", "grs", "logs-secondary", undefined], "drwestsa")).toEqual([
    "grs",
    "logs",
  ]);
});

it("a catalog on a read-only managed location, a built-in catalog and another cloud's credential are refused", () => {
  const sales = ucDescriptors()["uc-catalog"]![0] as UcCatalogDescriptor;
  const m = catalogArgs(sales, RAGRS);
  expect(m.ok).toBe(false);
  expect(!m.ok && m.skip).toContain("read-only");
  expect(
    catalogArgs({ ...sales, name: "hive_metastore", catalogType: "HIVE_METASTORE_CATALOG" }, RAGRS).ok,
  ).toBe(false);
  const aws = storageCredentialArgs(
    { id: "c", name: "aws", readOnly: false, otherCloud: "aws_iam_role", grants: [] },
    "/connector",
  );
  expect(aws.ok).toBe(false);
});

it("system table properties are dropped, user ones kept", () => {
  expect(
    userProperties({
      "delta.minReaderVersion": "1",
      "delta.minWriterVersion": "2",
      "view.query.out.numCols": "3",
      "delta.enableChangeDataFeed": "true",
      owner_team: "x",
    }),
  ).toEqual({ "delta.enableChangeDataFeed": "true", owner_team: "x" });
  expect(userProperties({ "delta.lastUpdateVersion": "4" })).toBeUndefined();
});

it("the clone SQL quotes identifiers; tables of unshared catalogs are left to the manual action", () => {
  const base = ucDescriptors()["uc-table"]![1] as UcTableDescriptor;
  const odd = { ...base, id: "t2", catalogName: "sales", schemaName: "we`ird", name: "x y" };
  const other = { ...base, id: "t3", catalogName: "ops" };
  const { sql, cloned, uncovered } = deepCloneSql([odd, base, other], { sales: "s" });
  expect(cloned.map((t) => t.id).sort()).toEqual(["t2", "tbl-0002"]);
  expect(uncovered.map((t) => t.id)).toEqual(["t3"]);
  expect(sql).toContain(
    "CREATE OR REPLACE TABLE `sales`.`we``ird`.`x y`\n  DEEP CLONE `sales_dr_share`.`we``ird`.`x y`;",
  );
  expect(sql.startsWith("-- Databricks notebook source\n")).toBe(true);
  const cfg = { providerName: "p", shares: {}, schedule: "c", timezone: "UTC", runWhilePassive: true };
  expect(clonePauseStatus(false, cfg)).toBe("UNPAUSED");
  expect(clonePauseStatus(true, cfg)).toBe("PAUSED");
  expect(clonePauseStatus(false, { ...cfg, runWhilePassive: false })).toBe("PAUSED");
});
