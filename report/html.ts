import { ageGauge, compositionBars, esc, valueBars } from "./charts";
import { inventoryHtml } from "./inventory";
import { managedDrHtml } from "./managed-dr";
import { ucDataHtml } from "./uc-data";
import { mlflowDataHtml } from "./mlflow-data-render";
import { rtoHtml } from "./rto-section";
import { card, COLOR, countCell, CSS, pill, tableHtml } from "./html-parts";
import { stackActionsHtml } from "./stack-actions-render";
import { ReportModel } from "./model";
import { dateTime, firstOf, minutes, usd } from "./text";

function kpis(r: ReportModel): string {
  const v = r.verify?.result;
  const matched = r.coverage.reduce((n, c) => n + (c.secondary?.matched ?? 0), 0);
  const primaryTotal = v ? v.kinds.reduce((n, k) => n + k.primary, 0) : 0;
  const pct = primaryTotal ? Math.floor((1000 * matched) / primaryTotal) / 10 : 100;
  const cards = [
    card(
      r.rpo.level,
      "Snapshot age (RPO)",
      esc(r.rpo.text.split(" (")[0].replace(/ old$/, "")),
      `target ≤ ${r.rpo.targetHours} h`,
      ageGauge(r.rpo.ageHours, r.rpo.targetHours),
    ),
    card(
      r.totals.skipped ? "warn" : "ok",
      "Objects exported",
      r.totals.exported.toLocaleString("en-US"),
      `${r.totals.kindsWithObjects} kinds · ${r.totals.skipped} skipped`,
    ),
    v
      ? card(
          v.ok ? "ok" : "fail",
          "Secondary matches",
          `${pct}%`,
          `${v.unexpected} unexpected · ${v.expected} expected`,
        )
      : card("info", "Secondary matches", "—", "not verified (run with --secondary)"),
    card(
      r.totals.manualActions ? "warn" : "ok",
      "Manual actions",
      String(r.totals.manualActions),
      "secrets, mounts, identities, compute",
    ),
    card(
      r.computeTotals.neverStop ? "warn" : "info",
      "Idle cost per sync",
      esc(usd(r.computeTotals.perSyncUsd)),
      r.computeTotals.neverStop
        ? `${r.computeTotals.neverStop} replica(s) never stop`
        : `${r.compute.length} replica(s) start on create`,
    ),
  ];
  return `<section class="kpis">${cards.join("")}</section>`;
}

function coverageSection(r: ReportModel): string {
  const rows = r.coverage.filter((c) => c.exported + c.skipped > 0);
  const chart = compositionBars(
    "Coverage per kind: exported and skipped",
    rows.map((c) => ({
      label: c.title,
      segments: [
        { value: c.exported, color: COLOR.exported, label: "exported" },
        { value: c.skipped, color: COLOR.skipped, label: "skipped" },
      ],
      total: c.skipped ? `${c.exported} + ${c.skipped} skipped` : String(c.exported),
    })),
    [
      { color: COLOR.exported, label: "exported" },
      { color: COLOR.skipped, label: "skipped" },
    ],
  );
  let verifyChart = "";
  if (r.verify) {
    const vrows = r.coverage.filter((c) => c.secondary && c.exported + c.secondary.extra > 0);
    verifyChart = `<div class="chart"><h3>Secondary against primary</h3>${compositionBars(
      "Secondary against primary per kind",
      vrows.map((c) => {
        const s = c.secondary!;
        const bad = s.missing + s.extra + s.different;
        return {
          label: c.title,
          segments: [
            { value: s.matched, color: COLOR.matched, label: "match" },
            { value: s.different, color: COLOR.different, label: "different" },
            { value: s.missing, color: COLOR.missing, label: "missing" },
            { value: s.extra, color: COLOR.extra, label: "extra" },
          ],
          total: bad ? `${bad} to fix` : "all match",
        };
      }),
      [
        { color: COLOR.matched, label: "match" },
        { color: COLOR.different, label: "different" },
        { color: COLOR.missing, label: "missing" },
        { color: COLOR.extra, label: "extra" },
      ],
    )}</div>`;
  }
  const withS = !!r.verify;
  const table = tableHtml(
    [
      { text: "kind" },
      { text: "exported", num: true },
      { text: "skipped", num: true },
      ...(withS
        ? [
            { text: "match", num: true },
            { text: "missing", num: true },
            { text: "extra", num: true },
            { text: "different", num: true },
          ]
        : []),
      { text: "note" },
    ],
    r.coverage.map((c) => [
      esc(c.title),
      countCell(c.exported),
      countCell(c.skipped),
      ...(withS && c.secondary
        ? [
            countCell(c.secondary.matched),
            countCell(c.secondary.missing, true),
            countCell(c.secondary.extra, true),
            countCell(c.secondary.different, true),
          ]
        : withS
          ? ["", "", "", ""]
          : []),
      `<span class="muted">${esc(c.note ?? "")}</span>`,
    ]),
    withS ? [1, 2, 3, 4, 5, 6] : [1, 2],
  );
  return (
    `<h2 id="coverage">Coverage per kind</h2>` +
    `<div class="grid2"><div class="chart"><h3>Exported from the primary</h3>${chart}</div>${verifyChart || `<div>${table}</div>`}</div>` +
    (verifyChart
      ? `<details style="margin-top:14px"><summary>Coverage table</summary>${table}</details>`
      : "")
  );
}

function verifySection(r: ReportModel): string {
  if (!r.verify) return "";
  const v = r.verify.result;
  let html =
    `<h2 id="verify">Verification against the secondary</h2>` +
    `<p>Secondary <code>${esc(v.secondary.host)}</code> exported ${esc(dateTime(v.secondary.exportedAt))}, compared as <b>${esc(v.mode)}</b>: ` +
    (v.ok
      ? `${pill("ok", "MATCH")} no unexpected difference`
      : `${pill("fail", "DIFFERENT")} <b>${v.unexpected}</b> unexpected difference(s)`) +
    `; ${v.expected} expected difference(s) shown apart, not counted.</p>`;
  if (r.verify.rows.length) {
    const { shown, more } = firstOf(r.verify.rows, 200);
    html +=
      `<h3>Unexpected differences</h3>` +
      tableHtml(
        ["kind", "object", "problem", "field", "primary", "secondary"].map((text) => ({ text })),
        shown.map((x) => [
          esc(x.kind),
          esc(x.object),
          esc(x.problem),
          x.field ? `<code>${esc(x.field)}</code>` : "",
          `<code>${esc(x.primary)}</code>`,
          `<code>${esc(x.secondary)}</code>`,
        ]),
      ) +
      (more
        ? `<p class="note">… and ${more} more: <code>databricks-dr verify --json</code> lists all.</p>`
        : "");
  }
  if (r.verify.expected.length)
    html +=
      `<details><summary>Expected differences (${v.expected}, not counted)</summary>` +
      tableHtml(
        [{ text: "reason" }, { text: "kind" }, { text: "count", num: true }, { text: "example" }],
        r.verify.expected.map((g) => [
          esc(g.reason),
          esc(g.kind),
          String(g.count),
          `<code>${esc(g.example)}</code>`,
        ]),
        [2],
      ) +
      `</details>`;
  return html;
}

function actionsSection(r: ReportModel): string {
  let html = `<h2 id="actions">Manual actions</h2><div class="grid2"><div>`;
  html += `<h3>Secret values to supply</h3>`;
  if (!r.secrets.length) html += `<p class="muted">None: no secret scope holds keys.</p>`;
  else {
    const { shown, more } = firstOf(r.secrets, 60);
    html +=
      `<p>Values cannot be read through the API. Set each with <code>pulumi config set --secret --path 'databricks-dr:secrets.&lt;scope&gt;.&lt;key&gt;' --stack secondary</code>.</p>` +
      tableHtml(
        [{ text: "scope" }, { text: "key" }, { text: "status" }],
        shown.map((s) => [esc(s.scope), `<code>${esc(s.key)}</code>`, pill(s.status)]),
      ) +
      (more ? `<p class="note">… and ${more} more.</p>` : "");
  }
  html += `<h3>Mounts</h3><p>Mounts have no REST API, so no export can see them. List the primary's with <code>dbutils.fs.mounts()</code> and declare each in <code>databricks-dr:mounts</code>; the stack re-points them to the secondary region's storage.</p>`;
  if (r.mounts.declared?.length)
    html += tableHtml(
      [{ text: "mount point" }, { text: "container" }, { text: "directory" }, { text: "storage account" }],
      r.mounts.declared.map((m) => [
        `<code>/mnt/${esc(m.name)}</code>`,
        esc(m.container),
        esc(m.directory ?? "/"),
        esc(m.storageAccount ?? "the region's account"),
      ]),
    );
  else
    html += `<p>${pill(r.mounts.configFile ? "info" : "warn")} ${r.mounts.configFile ? `None declared in <code>${esc(r.mounts.configFile)}</code>.` : "No stack config given (<code>--stack-config</code>): not checked."}</p>`;
  html += `</div><div><h3>Identities to check in Entra ID</h3>`;
  if (!r.identities.length)
    html += `<p class="muted">None: every user is provisioned from Entra ID in the tenant's domain.</p>`;
  else {
    const { shown, more } = firstOf(r.identities, 40);
    html +=
      `<p>The stack checks users and service principals in Entra ID at preview and skips (reports) those it cannot find.</p>` +
      tableHtml(
        [{ text: "identity" }, { text: "why" }],
        shown.map((i) => [`${esc(i.id)} <span class="muted">(${esc(i.kind)})</span>`, esc(i.why)]),
      ) +
      (more ? `<p class="note">… and ${more} more.</p>` : "");
  }
  html += `</div></div>`;
  return html + computeSection(r);
}

function computeSection(r: ReportModel): string {
  const p = r.startPolicy;
  const html =
    `<h3>Compute that starts on create</h3><p>Creating a cluster or SQL warehouse starts it: there is no API to create one stopped. ` +
    `Start policy <code>${esc(p.clusterStartPolicy)}</code>` +
    (p.activation
      ? " (activated: replicas keep their own auto-termination)"
      : `, passive auto-termination <b>${p.passiveAutoTerminationMinutes} min</b>`) +
    `: one sync that creates them all costs about <b>${esc(usd(r.computeTotals.perSyncUsd))}</b>; all running together cost ${esc(usd(r.computeTotals.hourlyIfAllRunUsd))}/h.</p>`;
  if (!r.compute.length) return html + `<p class="muted">Nothing starts on create.</p>`;
  const top = r.compute.slice(0, 12);
  const maxStart = Math.max(...top.map((c) => c.perStartUsd ?? 0), 0.01);
  const chart = valueBars(
    "Cost of one start until it stops, per replica",
    top.map((c) =>
      c.stopsAfterMin === undefined
        ? { label: c.name, value: maxStart, color: COLOR.fail, text: `never stops · ${usd(c.hourlyUsd)}/h` }
        : {
            label: c.name,
            value: c.perStartUsd ?? 0,
            color: c.estimated ? "#8c959f" : COLOR.info,
            text: `${usd(c.perStartUsd)} · ${minutes(c.stopsAfterMin)}`,
          },
    ),
    1000,
  );
  const table = tableHtml(
    [
      { text: "replica" },
      { text: "size" },
      { text: "USD/h", num: true },
      { text: "stops after", num: true },
      { text: "primary", num: true },
      { text: "per start", num: true },
    ],
    r.compute.map((c) => [
      `${esc(c.name)} <span class="muted">(${c.kind === "cluster" ? "cluster" : "SQL warehouse"})</span>`,
      esc(c.size),
      esc(usd(c.hourlyUsd)) + (c.estimated ? ` <span class="muted">est.</span>` : ""),
      c.stopsAfterMin === undefined
        ? `<b style="color:var(--fail)">never</b>`
        : esc(minutes(c.stopsAfterMin)),
      esc(minutes(c.ownStopMin)),
      c.stopsAfterMin === undefined
        ? `<b style="color:var(--fail)">${esc(usd(c.hourlyUsd === undefined ? undefined : c.hourlyUsd * 24))}/day</b>`
        : esc(usd(c.perStartUsd)),
    ]),
    [2, 3, 4, 5],
  );
  return html + `<div class="chart">${chart}</div><div style="margin-top:14px">${table}</div>`;
}

function findingsSection(r: ReportModel): string {
  const acl = r.acl
    ? `<h2 id="acl">Permissions freshness</h2><p>Incremental exports reuse unchanged objects' ACLs: ${esc(r.acl.text)}.</p>`
    : "";
  const head = `<h2 id="credentials">Plaintext credentials</h2>`;
  if (!r.findings.length)
    return (
      head +
      `<p class="muted">None found in Spark conf, environment variables, job parameters or sources.</p>` +
      acl
    );
  const table = tableHtml(
    [{ text: "kind" }, { text: "object" }, { text: "field" }, { text: "credential" }],
    r.findings.map((f) => [
      esc(f.kind),
      `<code>${esc(f.id)}</code>`,
      `<code>${esc(f.field)}</code>`,
      esc(f.type),
    ]),
    [],
  );
  return (
    head +
    `<p>Values are never shown. Fix: move each into a secret scope and reference it as <code>{{secrets/&lt;scope&gt;/&lt;key&gt;}}</code> (in code: <code>dbutils.secrets.get(&lt;scope&gt;, &lt;key&gt;)</code>).</p>` +
    table +
    acl
  );
}

function skippedSection(r: ReportModel): string {
  let html = `<h2 id="skipped">Skipped by the export</h2>`;
  if (!r.skipped.length)
    return (
      html + `<p class="muted">Nothing was skipped: every object the primary holds is in the snapshot.</p>`
    );
  html += `<p>These objects are not in the snapshot, so the secondary will not have them. Each reason says why and what to do.</p>`;
  html += tableHtml(
    [{ text: "kind" }, { text: "count", num: true }, { text: "reason" }, { text: "objects" }],
    r.skipped.map((g) => {
      const { shown, more } = firstOf(g.ids, 3);
      const list = shown.map((id) => `<code>${esc(id)}</code>`).join(" ");
      const all = more
        ? ` <details><summary>all ${g.ids.length}</summary>${firstOf(g.ids, 500)
            .shown.map((id) => `<code>${esc(id)}</code>`)
            .join(" ")}</details>`
        : "";
      return [esc(g.kind), String(g.ids.length), esc(g.reason), list + all];
    }),
    [1],
  );
  return html;
}

/** The report as one self-contained page: inline CSS and SVG, no script, no external asset. */
export function renderHtml(r: ReportModel): string {
  const checks = r.checks
    .map((c) => `<li>${pill(c.level)}<b>${esc(c.name)}</b><span class="d">${esc(c.detail)}</span></li>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DR readiness: ${esc(r.verdict.label)} · ${esc(r.source.host)}</title>
<style>${CSS}</style>
</head>
<body>
<header><div class="wrap">
<div><h1>Disaster-recovery readiness</h1>
<p>Primary <code>${esc(r.source.host)}</code> · snapshot exported ${esc(dateTime(r.source.exportedAt))} · report generated ${esc(dateTime(r.generatedAt))}</p></div>
<div class="verdict v-${r.verdict.level}"><b>${esc(r.verdict.label)}</b><span>${esc(r.checks.filter((c) => c.level === "ok").length)} of ${r.checks.length} checks OK</span></div>
</div></header>
<main><div class="wrap">
<p class="summary">${esc(r.verdict.summary)}</p>
${kpis(r)}
<h2 id="checks">Readiness checks</h2>
<ul class="checks">${checks}</ul>
${coverageSection(r)}
${inventoryHtml(r.inventory)}
${managedDrHtml(r.managedDr)}
${ucDataHtml(r.ucData)}
${mlflowDataHtml(r.mlflowData)}
${rtoHtml(r.rto)}
${verifySection(r)}
${actionsSection(r)}
${stackActionsHtml(r.stackActions)}
${findingsSection(r)}
${skippedSection(r)}
</div></main>
<footer><div class="wrap">${esc(r.source.tool)} · snapshot schema ${r.source.schemaVersion} · ${esc(r.priceNote)}</div></footer>
</body>
</html>
`;
}
