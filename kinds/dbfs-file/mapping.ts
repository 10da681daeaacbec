import type * as databricks from "@pulumi/databricks";
import { contentSource } from "../../components/mapping/content-source";
import { Mapping } from "../../components/mapping/refs";
import { DbfsFileDescriptor } from "./schema";

export function dbfsFileArgs(d: DbfsFileDescriptor, snapshotRoot: string): Mapping<databricks.DbfsFileArgs> {
  return { ok: true, args: { path: d.path, source: contentSource(snapshotRoot, d.content) }, notes: [] };
}
