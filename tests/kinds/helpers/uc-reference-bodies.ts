import { z } from "zod";
import { Descriptor, KINDS } from "../../../kinds/registry";

/*
 * Bodies shaped as the Unity Catalog 2.1 reference's Get responses show them (docs.databricks.com/api,
 * uc-catalogs/get-catalog, uc-schemas/get-schema, uc-tables/get-table, uc-volumes/get-volume,
 * uc-external-locations/get-external-location, uc-credentials/get-storage-credential,
 * uc-metastores/get-metastore): every field the reference lists, with realistic Azure values in place of
 * its "string" placeholders. The expected descriptors are written out by hand from those bodies.
 */
export const META = "19a85dee-54bc-43a2-87ab-023d0ec16013";
export const ROOT = "abfss://unity@stdrprimary.dfs.core.windows.net";
export const CONNECTOR =
  "/subscriptions/3f2e4d1c-0000-4000-8000-00000000aaaa/resourceGroups/rg-dr/providers/Microsoft.Databricks/accessConnectors/ac-dr-primary";
export const stamps = {
  created_at: 1700000000000,
  created_by: "admin@example.com",
  updated_at: 1710000000000,
  updated_by: "admin@example.com",
};
export const flag = { value: "DISABLE", inherited_from_type: "METASTORE", inherited_from_name: META };

type Kind = keyof typeof KINDS;
const parse = <K extends Kind>(kind: K, d: unknown) =>
  (KINDS[kind].schema as unknown as z.ZodType<Descriptor<K>>).safeParse(d);
export const ok = <K extends Kind>(kind: K, d: unknown): Descriptor<K> => {
  const r = parse(kind, d);
  if (!r.success) throw new Error(`${kind}: ${JSON.stringify(r.error.issues[0])}`);
  return r.data;
};
export const issue = <K extends Kind>(kind: K, d: unknown) => {
  const r = parse(kind, d);
  return r.success ? undefined : `${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`;
};
