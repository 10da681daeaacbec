import type * as databricks from "@pulumi/databricks";
import { Mapping } from "../../components/mapping/refs";
import { DirectoryDescriptor } from "./schema";

export function directoryArgs(d: DirectoryDescriptor): Mapping<databricks.DirectoryArgs> {
  return { ok: true, args: { path: d.path }, notes: [] };
}
