import * as fs from "node:fs";
import type * as databricks from "@pulumi/databricks";
import { contentSource } from "../../components/mapping/content-source";
import { NO_PORT, PortEnv, portScriptText } from "../../components/mapping/portability";
import { Mapping } from "../../components/mapping/refs";
import { GlobalInitScriptDescriptor } from "./schema";

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
