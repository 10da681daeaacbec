import * as fs from "node:fs";
import type * as databricks from "@pulumi/databricks";
import { ContentRef } from "../../kinds/common";
import { GlobalInitScriptDescriptor, WorkspaceConfDescriptor } from "../../kinds/compute";
import {
  DbfsFileDescriptor,
  DirectoryDescriptor,
  NotebookDescriptor,
  RepoDescriptor,
  WorkspaceFileDescriptor,
} from "../../kinds/workspace-tree";
import { resolveInside } from "../../snapshot/layout";
import { NO_PORT, PortEnv, portScriptText } from "./portability";
import { Mapping } from "./refs";

/**
 * Content is handed to the provider BY PATH (`source`): the provider hashes the file for its diff, so the
 * bytes never land in Pulumi state.
 */
export function contentSource(snapshotRoot: string, content: ContentRef): string {
  return resolveInside(snapshotRoot, content.file);
}

export function directoryArgs(d: DirectoryDescriptor): Mapping<databricks.DirectoryArgs> {
  return { ok: true, args: { path: d.path }, notes: [] };
}

export function notebookArgs(d: NotebookDescriptor, snapshotRoot: string): Mapping<databricks.NotebookArgs> {
  return {
    ok: true,
    args: { path: d.path, language: d.language, source: contentSource(snapshotRoot, d.content) },
    notes: [],
  };
}

export function workspaceFileArgs(
  d: WorkspaceFileDescriptor,
  snapshotRoot: string,
): Mapping<databricks.WorkspaceFileArgs> {
  return { ok: true, args: { path: d.path, source: contentSource(snapshotRoot, d.content) }, notes: [] };
}

export function dbfsFileArgs(d: DbfsFileDescriptor, snapshotRoot: string): Mapping<databricks.DbfsFileArgs> {
  return { ok: true, args: { path: d.path, source: contentSource(snapshotRoot, d.content) }, notes: [] };
}

export function repoArgs(d: RepoDescriptor): Mapping<databricks.RepoArgs> {
  const args: databricks.RepoArgs = { url: d.url, gitProvider: d.provider, path: d.path };
  const notes: string[] = [];
  if (d.branch) args.branch = d.branch;
  else if (d.headCommitId) args.commitHash = d.headCommitId;
  if (d.sparseCheckoutPatterns?.length) args.sparseCheckout = { patterns: d.sparseCheckoutPatterns };
  notes.push("private repos need a Git credential in the secondary for whoever runs the stack");
  return { ok: true, args, notes };
}

/** A script whose text names the primary's storage is sent rewritten by the storage map (contentBase64). */
export function globalInitScriptArgs(
  d: GlobalInitScriptDescriptor,
  snapshotRoot: string,
  env: PortEnv = NO_PORT,
): Mapping<databricks.GlobalInitScriptArgs> {
  const source = contentSource(snapshotRoot, d.content);
  const args: databricks.GlobalInitScriptArgs = { name: d.name, enabled: d.enabled, position: d.position };
  const notes: string[] = [];
  // The sealed snapshot vouches for the file; an unreadable one is left to the provider to report.
  const bytes = fs.existsSync(source) ? fs.readFileSync(source) : undefined;
  const text = !bytes || bytes.includes(0) ? undefined : bytes.toString("utf8");
  const ported = text === undefined ? text : portScriptText(text, env, notes);
  if (ported !== undefined && ported !== text) args.contentBase64 = Buffer.from(ported).toString("base64");
  else args.source = source;
  return { ok: true, args, notes };
}

/** Every exported key is set; a key the primary refused to answer cannot be copied and is checked by hand. */
export function workspaceConfArgs(d: WorkspaceConfDescriptor): Mapping<databricks.WorkspaceConfArgs> {
  const notes = Object.entries(d.refused ?? {}).map(
    ([key, why]) => `setting ${key} was not exported (the primary refused it: ${why}): compare it by hand`,
  );
  return { ok: true, args: { customConfig: { ...d.values } }, notes };
}
