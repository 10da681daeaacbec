import { esc } from "./charts";
import { tableHtml } from "./html-parts";
import type { FamilyTime, RtoEstimate } from "./rto";

/** `45 s`, `12 min 30 s`, `1 h 05 min`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

const num = (n: number) => (Number.isInteger(n) ? n : Number(n.toFixed(1))).toLocaleString("en-US");
const familyText = (f: FamilyTime) =>
  `${f.family}: ${num(f.requests)} at ${f.limit}/s = ${duration(f.seconds)}`;

/** One row per phase: the same rows in Markdown and HTML. */
function rows(r: RtoEstimate): { phase: string; detail: string; seconds: number }[] {
  const c = r.cold;
  return [
    ...(c.infraSeconds
      ? [{ phase: "infrastructure", detail: "assumed (see below)", seconds: c.infraSeconds }]
      : []),
    { phase: "`pulumi up` start", detail: "assumed", seconds: c.startSeconds },
    ...c.stages
      .filter((s) => s.families.length)
      .map((s) => ({
        phase: s.name,
        detail: s.families.slice(0, 3).map(familyText).join("; ") + (s.families.length > 3 ? "; …" : ""),
        seconds: s.seconds,
      })),
  ];
}

function activationDetail(r: RtoEstimate): string {
  const a = r.activation;
  const changes = Object.entries(a.changes)
    .filter(([, n]) => n)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  return (
    `${changes || "nothing"} to update` +
    (a.families.length ? `; ${a.families.map(familyText).join("; ")}` : "")
  );
}

export function rtoMarkdown(r: RtoEstimate, table: (h: string[], rows: unknown[][]) => string[]): string[] {
  const c = r.cold;
  return [
    "## Recovery time (RTO), computed",
    "",
    `- **Cold \`pulumi up\` of the secondary:** about **${duration(c.totalSeconds)}** ` +
      `(workspace objects ${duration(c.objectsSeconds)}; no stage waiting for another, they could not take ` +
      `less than ${duration(c.floorSeconds)})`,
    `- **Activation** (\`activation: true\`, \`pulumi up\`): about **${duration(r.activation.totalSeconds)}**: ${activationDetail(r)}`,
    "",
    ...table(
      ["phase", "bound by (requests at the family's limit)", "time"],
      rows(r).map((x) => [x.phase, x.detail, duration(x.seconds)]),
    ),
    ...(r.batched.length ? [`Batched (above the granularity thresholds): ${r.batched.join(", ")}.`, ""] : []),
    "Assumptions:",
    "",
    ...r.assumptions.map((a) => `- ${a}`),
    "",
  ];
}

export function rtoHtml(r: RtoEstimate): string {
  const c = r.cold;
  const table = tableHtml(
    [{ text: "phase" }, { text: "bound by (requests at the family's limit)" }, { text: "time", num: true }],
    rows(r).map((x) => [esc(x.phase.replace(/`/g, "")), esc(x.detail), esc(duration(x.seconds))]),
    [2],
  );
  return (
    `<h2 id="rto">Recovery time (RTO), computed</h2>` +
    `<p>Cold <code>pulumi up</code> of the secondary: about <b>${esc(duration(c.totalSeconds))}</b> ` +
    `(workspace objects ${esc(duration(c.objectsSeconds))}; at least ${esc(duration(c.floorSeconds))}). ` +
    `Activation: about <b>${esc(duration(r.activation.totalSeconds))}</b>: ${esc(activationDetail(r))}.</p>` +
    table +
    (r.batched.length ? `<p class="muted">Batched: ${esc(r.batched.join(", "))}.</p>` : "") +
    `<h3>Assumptions</h3><ul class="assumptions">${r.assumptions.map((a) => `<li>${esc(a)}</li>`).join("")}</ul>`
  );
}
