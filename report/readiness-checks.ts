/** The readiness checks of the report's summary: one per thing a person may have to act on. */
import type { Finding } from "../kinds/credentials";
import { VerifyResult } from "../verify";
import { ComputeExposure } from "./compute-cost";
import { credentialAndAclChecks } from "./credentials-acl";
import { InventoryView, workspaceCoverageCheck } from "./inventory";
import type { Check, IdentityAction, Level, ReportModel, SecretAction } from "./model";
import { StackSettings } from "./stack-config";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function readinessChecks(x: {
  rpo: ReportModel["rpo"];
  v?: VerifyResult;
  skipped: number;
  exported: number;
  secrets: SecretAction[];
  settings?: StackSettings;
  identities: IdentityAction[];
  compute: ComputeExposure[];
  computeTotals: ReportModel["computeTotals"];
  findings: Finding[];
  acl?: ReportModel["acl"];
  inventory: InventoryView;
}): Check[] {
  const c = (name: string, level: Level, detail: string, todo?: string): Check => ({
    name,
    level,
    detail,
    todo,
  });
  const { rpo, v, settings } = x;
  const open = x.secrets.filter((s) => s.status !== "set").length;
  const out: Check[] = [];
  out.push(
    c(
      "Snapshot age (RPO)",
      rpo.level,
      `The snapshot is ${rpo.text}.`,
      `export again (the snapshot is ${rpo.text.split(" (")[0]})`,
    ),
  );
  if (!v)
    out.push(
      c(
        "Secondary matches the primary",
        "info",
        "Not checked: run the report with --secondary (an export of the secondary).",
      ),
    );
  else if (v.ok)
    out.push(
      c(
        "Secondary matches the primary",
        "ok",
        `No unexpected difference (${v.expected} expected, not counted).`,
      ),
    );
  else
    out.push(
      c(
        "Secondary matches the primary",
        "fail",
        `${plural(v.unexpected, "object")} missing, extra or different in the secondary.`,
        `the secondary differs from the primary (${plural(v.unexpected, "object")})`,
      ),
    );
  out.push(
    x.skipped
      ? c(
          "Export coverage",
          "warn",
          `${plural(x.skipped, "object")} skipped by the export (see below).`,
          `review ${plural(x.skipped, "skipped object")}`,
        )
      : x.inventory.fullyCovered
        ? c("Export coverage", "ok", `All ${x.exported} objects exported.`)
        : c("Export coverage", "ok", `All ${x.exported} objects of the replicated kinds exported.`),
  );
  out.push(workspaceCoverageCheck(x.inventory));
  if (x.secrets.length === 0) out.push(c("Secret values", "ok", "No secret values to supply."));
  else if (open)
    out.push(
      c(
        "Secret values",
        "warn",
        `${open} of ${plural(x.secrets.length, "secret value")} to supply in databricks-dr:secrets.`,
        `supply ${plural(open, "secret value")}`,
      ),
    );
  else out.push(c("Secret values", "ok", `All ${plural(x.secrets.length, "secret value")} supplied.`));
  if (!settings)
    out.push(
      c(
        "Mounts",
        "warn",
        "Mounts have no REST API: declare the primary's (dbutils.fs.mounts()) in databricks-dr:mounts.",
        "declare mounts",
      ),
    );
  else if (settings.mounts.length)
    out.push(c("Mounts", "ok", `${plural(settings.mounts.length, "mount")} declared in ${settings.file}.`));
  else out.push(c("Mounts", "info", `None declared in ${settings.file}: declare any the primary uses.`));
  out.push(
    x.identities.length
      ? c(
          "Identities",
          "warn",
          `${plural(x.identities.length, "identity", "identities")} to check in Entra ID.`,
          `check ${plural(x.identities.length, "identity", "identities")} in Entra ID`,
        )
      : c("Identities", "ok", "All users provisioned from Entra ID in the tenant's domain."),
  );
  const never = x.computeTotals.neverStop;
  if (never)
    out.push(
      c(
        "Compute started on create",
        "warn",
        `${plural(never, "replica")} never stop by themselves once created.`,
        `give ${plural(never, "replica")} an auto-termination`,
      ),
    );
  else if (x.compute.length)
    out.push(
      c(
        "Compute started on create",
        "info",
        `${plural(x.compute.length, "replica")} start on create; about $${x.computeTotals.perSyncUsd.toFixed(2)} until they stop.`,
      ),
    );
  else out.push(c("Compute started on create", "ok", "Nothing starts on create."));
  out.push(...credentialAndAclChecks(x.findings, x.acl));
  return out;
}
