import type { Snapshot } from "../snapshot/reader";
import type { Check, ReportModel } from "./model";
import type { Finding } from "../kinds/credentials";
import { humanAge } from "./age";

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** How old the oldest ACL in the snapshot is (the manifest's `acl`, written by incremental exports). */
export function aclFreshness(snap: Snapshot, now: Date): ReportModel["acl"] {
  const a = snap.manifest.acl;
  if (!a) return undefined;
  if (!a.oldestReadAt)
    return { refreshRuns: a.refreshRuns, text: `every ACL re-read within ${a.refreshRuns} exports` };
  const ageHours = (now.getTime() - Date.parse(a.oldestReadAt)) / 3_600_000;
  return {
    refreshRuns: a.refreshRuns,
    oldestReadAt: a.oldestReadAt,
    ageHours,
    text: `the oldest ACL in the snapshot was read ${humanAge(Math.max(0, ageHours))} ago (${a.oldestReadAt}); every ACL is re-read within ${a.refreshRuns} exports`,
  };
}

/** Plaintext credentials (warn: each to move into a secret scope) and how fresh the ACLs are (info). */
export function credentialAndAclChecks(findings: Finding[], acl: ReportModel["acl"]): Check[] {
  const n = findings.length;
  const credentials: Check = n
    ? {
        name: "Credentials in plain text",
        level: "warn",
        detail: `${plural(n, "plaintext credential")} in Spark conf, environment variables, job parameters or sources (listed below): move each into a secret scope and reference it as {{secrets/<scope>/<key>}}.`,
        todo: `move ${plural(n, "plaintext credential")} into secret scopes`,
      }
    : {
        name: "Credentials in plain text",
        level: "ok",
        detail: "None found in Spark conf, environment variables, job parameters or sources.",
      };
  const freshness: Check = {
    name: "Permissions freshness",
    level: "info",
    detail: acl
      ? `Incremental exports reuse unchanged objects' ACLs: ${acl.text}.`
      : "Not recorded: the snapshot holds no ACL read times (no permissions exported, or an older version).",
  };
  return [credentials, freshness];
}
