import { ReportModel } from "./model";
import { inventoryMarkdown } from "./inventory";
import { managedDrMarkdown } from "./managed-dr";
import { ucDataMarkdown } from "./uc-data";
import { mlflowDataMarkdown } from "./mlflow-data-render";
import { rtoMarkdown } from "./rto-section";
import { stackActionsMarkdown } from "./stack-actions-render";
import { dateTime, firstOf, LEVEL_ICON, minutes, usd } from "./text";

/** A cell safe inside a Markdown table: pipes escaped, newlines flattened. */
function cell(v: unknown): string {
  return String(v ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

function table(head: string[], rows: unknown[][], align?: ("l" | "r")[]): string[] {
  const sep = head.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [
    `| ${head.join(" | ")} |`,
    `| ${sep.join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    "",
  ];
}

const LIST_MAX = 50;

export function renderMarkdown(r: ReportModel): string {
  const out: string[] = [];
  out.push(`# DR readiness: ${r.verdict.label}`, "");
  out.push(`${LEVEL_ICON[r.verdict.level]} **${r.verdict.label}**: ${r.verdict.summary}`, "");
  out.push(
    `Primary \`${r.source.host}\`, snapshot exported ${dateTime(r.source.exportedAt)} ` +
      `(${r.source.tool}, schema ${r.source.schemaVersion}); report generated ${dateTime(r.generatedAt)}.`,
    "",
  );

  out.push("## Readiness", "");
  out.push(
    ...table(
      ["", "check", "detail"],
      r.checks.map((c) => [LEVEL_ICON[c.level], c.name, c.detail]),
    ),
  );
  out.push(
    `- **Recovery point (RPO):** snapshot ${r.rpo.text}`,
    `- **Objects exported:** ${r.totals.exported} in ${r.totals.kindsWithObjects} kinds, ${r.totals.skipped} skipped`,
    `- **Manual actions:** ${r.totals.manualActions}`,
    `- **Compute started on create:** ${r.compute.length} replica(s), about ${usd(r.computeTotals.perSyncUsd)} ` +
      `until they stop` +
      (r.computeTotals.neverStop ? `, ${r.computeTotals.neverStop} never stop` : ""),
    "",
  );

  out.push("## Coverage per kind", "");
  const withSecondary = !!r.verify;
  out.push(
    ...table(
      [
        "kind",
        "exported",
        "skipped",
        ...(withSecondary ? ["match", "missing", "extra", "different"] : []),
        "note",
      ],
      r.coverage.map((c) => [
        c.title,
        c.exported,
        c.skipped,
        ...(withSecondary && c.secondary
          ? [c.secondary.matched, c.secondary.missing, c.secondary.extra, c.secondary.different]
          : []),
        c.note ?? "",
      ]),
      ["l", "r", "r", ...(withSecondary ? (["r", "r", "r", "r"] as const) : []), "l"],
    ),
  );

  out.push(...inventoryMarkdown(r.inventory, table));
  out.push(...managedDrMarkdown(r.managedDr, table));
  out.push(...ucDataMarkdown(r.ucData, table));
  out.push(...mlflowDataMarkdown(r.mlflowData, table));
  out.push(...rtoMarkdown(r.rto, table));

  if (r.verify) {
    const v = r.verify.result;
    out.push("## Verification against the secondary", "");
    out.push(
      `Secondary \`${v.secondary.host}\` exported ${dateTime(v.secondary.exportedAt)}, compared as **${v.mode}**: ` +
        (v.ok ? "**no unexpected difference**" : `**${v.unexpected} unexpected difference(s)**`) +
        `, ${v.expected} expected difference(s) shown apart.`,
      "",
    );
    if (r.verify.rows.length) {
      const { shown, more } = firstOf(r.verify.rows, 200);
      out.push("### Unexpected differences", "");
      out.push(
        ...table(
          ["kind", "object", "problem", "field", "primary", "secondary"],
          shown.map((x) => [x.kind, x.object, x.problem, x.field, x.primary, x.secondary]),
        ),
      );
      if (more) out.push(`… and ${more} more (see \`databricks-dr verify --json\`).`, "");
    }
    if (r.verify.expected.length) {
      out.push("### Expected differences (not counted)", "");
      out.push(
        ...table(
          ["reason", "kind", "count", "example"],
          r.verify.expected.map((g) => [g.reason, g.kind, g.count, g.example]),
          ["l", "l", "r", "l"],
        ),
      );
    }
  }

  out.push("## Manual actions", "");
  out.push("### Secret values to supply", "");
  if (r.secrets.length === 0) out.push("None: no secret scope holds keys.", "");
  else {
    out.push(
      "Secret values cannot be read through the API. Set each with " +
        "`pulumi config set --secret --path 'databricks-dr:secrets.<scope>.<key>' --stack secondary`.",
      "",
    );
    out.push(
      ...table(
        ["scope", "key", "status"],
        r.secrets.map((s) => [s.scope, s.key, s.status]),
      ),
    );
  }
  out.push("### Mounts", "");
  out.push(
    "Mounts have no REST API: the export cannot see them. List the primary's with `dbutils.fs.mounts()` and declare each in `databricks-dr:mounts`.",
    "",
  );
  if (r.mounts.declared?.length)
    out.push(
      ...table(
        ["mount point", "container", "directory", "storage account"],
        r.mounts.declared.map((m) => [
          `/mnt/${m.name}`,
          m.container,
          m.directory ?? "/",
          m.storageAccount ?? "(the region's account)",
        ]),
      ),
    );
  else
    out.push(
      r.mounts.configFile
        ? `None declared in \`${r.mounts.configFile}\`.`
        : "No stack config given (`--stack-config`): not checked.",
      "",
    );

  out.push("### Identities to check in Entra ID", "");
  if (r.identities.length === 0) out.push("None.", "");
  else {
    const { shown, more } = firstOf(r.identities, LIST_MAX);
    out.push(
      ...table(
        ["kind", "identity", "why"],
        shown.map((i) => [i.kind, i.id, i.why]),
      ),
    );
    if (more) out.push(`… and ${more} more.`, "");
  }

  out.push("### Compute that starts on create", "");
  out.push(
    `Creating a cluster or SQL warehouse starts it. Start policy \`${r.startPolicy.clusterStartPolicy}\`` +
      (r.startPolicy.activation
        ? " (activated)"
        : `, passive auto-termination ${r.startPolicy.passiveAutoTerminationMinutes} min`) +
      `: one sync that creates them all costs about **${usd(r.computeTotals.perSyncUsd)}**; ` +
      `all running together cost ${usd(r.computeTotals.hourlyIfAllRunUsd)}/h.`,
    "",
  );
  if (r.compute.length)
    out.push(
      ...table(
        ["kind", "name", "size", "USD/h", "stops after", "primary's setting", "per start"],
        r.compute.map((c) => [
          c.kind,
          c.name,
          c.size,
          usd(c.hourlyUsd) + (c.estimated ? " (est.)" : ""),
          minutes(c.stopsAfterMin),
          minutes(c.ownStopMin),
          c.stopsAfterMin === undefined
            ? `${usd(c.hourlyUsd === undefined ? undefined : c.hourlyUsd * 24)}/day, until stopped`
            : usd(c.perStartUsd),
        ]),
        ["l", "l", "l", "r", "r", "r", "r"],
      ),
    );

  out.push("## Plaintext credentials", "");
  if (r.findings.length === 0)
    out.push("None found in Spark conf, environment variables, job parameters or sources.", "");
  else
    out.push(
      "Values are never shown. Fix: move each into a secret scope and reference it as `{{secrets/<scope>/<key>}}` (in code: `dbutils.secrets.get(<scope>, <key>)`).",
      "",
      ...table(
        ["kind", "object", "field", "credential"],
        r.findings.map((f) => [f.kind, f.id, f.field, f.type]),
      ),
    );
  out.push(...stackActionsMarkdown(r.stackActions, table));
  if (r.acl)
    out.push(
      "## Permissions freshness",
      "",
      `Incremental exports reuse unchanged objects' ACLs: ${r.acl.text}.`,
      "",
    );
  out.push("## Skipped by the export", "");
  if (r.skipped.length === 0) out.push("Nothing was skipped.", "");
  else
    out.push(
      ...table(
        ["kind", "count", "reason", "objects"],
        r.skipped.map((g) => {
          const { shown, more } = firstOf(g.ids, 5);
          return [g.kind, g.ids.length, g.reason, shown.join(", ") + (more ? ` … +${more}` : "")];
        }),
        ["l", "r", "l", "l"],
      ),
    );
  out.push("---", "", `_${r.priceNote}_`, "");
  return out.join("\n");
}
