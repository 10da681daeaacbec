import type * as databricks from "@pulumi/databricks";
import { Mapping } from "../../components/mapping/refs";
import { RepoDescriptor } from "./schema";

export function repoArgs(d: RepoDescriptor): Mapping<databricks.RepoArgs> {
  const args: databricks.RepoArgs = { url: d.url, gitProvider: d.provider, path: d.path };
  const notes: string[] = [];
  if (d.branch) args.branch = d.branch;
  else if (d.headCommitId) args.commitHash = d.headCommitId;
  if (d.sparseCheckoutPatterns?.length) args.sparseCheckout = { patterns: d.sparseCheckoutPatterns };
  notes.push("private repos need a Git credential in the secondary for whoever runs the stack");
  return { ok: true, args, notes };
}
