import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import { dbfsFileArgs } from "./mapping";
import { DbfsFileDescriptor } from "./schema";

export function provisionDbfsFiles(
  items: DbfsFileDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("dbfs-file", items, ctx, parent, {
    map: (d) => dbfsFileArgs(d, ctx.snapshot.root),
    prefix: "dbfs",
    create: (name, args, opts) => new databricks.DbfsFile(name, args, opts),
    // Referrers spell it dbfs:/...: the provider's dbfsPath output.
    value: (r) => r.dbfsPath,
  });
}

/** Before the global init scripts and compute, whose init scripts and libraries name the files. */
export const DBFS_FILE_PROVISIONER: Provisioner<"dbfs-file"> = {
  group: "initScripts",
  order: 1,
  provision: provisionDbfsFiles,
};
