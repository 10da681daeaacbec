import { esc } from "./charts";
import { Level } from "./model";
import { LEVEL_WORD } from "./text";

/** The page's building blocks: its colours, its one stylesheet, and the pill, table and card every section uses. */
export const COLOR = {
  ok: "#1a7f37",
  warn: "#9a6700",
  fail: "#cf222e",
  info: "#0969da",
  exported: "#0969da",
  skipped: "#d4a72c",
  matched: "#2da44e",
  missing: "#8c1d18",
  different: "#cf222e",
  extra: "#8250df",
} as const;

export const CSS = `
:root{--ok:#1a7f37;--warn:#9a6700;--fail:#cf222e;--info:#0969da;--muted:#57606a;--line:#d8dee4;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
header{background:#0f1b2d;color:#fff;padding:28px 0 26px}
.wrap{max-width:1200px;margin:0 auto;padding:0 36px}
header .wrap{display:flex;gap:28px;align-items:center;justify-content:space-between}
header h1{margin:0 0 4px;font-size:24px;font-weight:650;letter-spacing:-.01em}
header p{margin:0;color:#c5d0de}
header code{background:#1d2c44;color:#e6edf5}
.verdict{flex:none;text-align:center;border-radius:12px;padding:12px 22px;min-width:220px}
.verdict b{display:block;font-size:22px;letter-spacing:.03em}
.verdict span{font-size:12px;opacity:.9}
.v-ok{background:#1a7f37}.v-warn{background:#b26b00}.v-fail{background:#b42318}
main{padding:24px 0 48px}
.summary{font-size:15px;margin:0 0 18px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:14px;margin-bottom:26px}
.card{border:1px solid var(--line);border-radius:10px;padding:12px 14px 10px;background:#fff}
.card .label{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
.card .value{font-size:26px;font-weight:650;line-height:1.25;margin-top:2px;font-variant-numeric:tabular-nums}
.card .sub{color:var(--muted);font-size:12px}
.card.ok{border-top:4px solid var(--ok)}.card.warn{border-top:4px solid var(--warn)}.card.fail{border-top:4px solid var(--fail)}.card.info{border-top:4px solid var(--info)}
h2{font-size:18px;margin:30px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 8px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:28px;align-items:start}
.checks{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:10px}
.checks li{display:grid;grid-template-columns:84px 230px 1fr;gap:12px;padding:8px 14px;border-top:1px solid var(--line);align-items:baseline}
.checks li:first-child{border-top:0}
.pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:11px;font-weight:700;letter-spacing:.04em;text-align:center}
.pill.ok{background:#dafbe1;color:var(--ok)}.pill.warn{background:#fff1c2;color:var(--warn)}.pill.fail{background:#ffebe9;color:var(--fail)}.pill.info{background:#ddf4ff;color:var(--info)}
.pill.set{background:#dafbe1;color:var(--ok)}.pill.missing{background:#ffebe9;color:var(--fail)}.pill.unknown{background:#eaeef2;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;color:#424a53;font-size:12px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#8c959f}
td.bad{color:var(--fail);font-weight:600}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 5px;border-radius:4px;overflow-wrap:break-word}
.tbl{overflow-x:auto}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
details summary{cursor:pointer;color:var(--info)}
.chart{border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.chart h3{margin:0 0 8px}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:12px;padding:14px 0 30px}
@media (max-width:980px){.kpis{grid-template-columns:repeat(2,1fr)}.grid2{grid-template-columns:1fr}.checks li{grid-template-columns:70px 1fr}.checks li .d{grid-column:2}}
@media print{header{background:#fff;color:#000}header p{color:#333}.card,.chart{break-inside:avoid}}
`;

export const pill = (level: Level | string, text?: string) =>
  `<span class="pill ${esc(level)}">${esc(text ?? LEVEL_WORD[level as Level] ?? level)}</span>`;

export function tableHtml(
  head: { text: string; num?: boolean }[],
  rows: string[][],
  numCols: number[] = [],
): string {
  const th = head.map((h) => `<th${h.num ? ' class="num"' : ""}>${esc(h.text)}</th>`).join("");
  const tr = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numCols.includes(i) ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<div class="tbl"><table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`;
}

export function card(level: Level, label: string, value: string, sub: string, extra = ""): string {
  return `<div class="card ${level}"><div class="label">${esc(label)}</div><div class="value">${value}</div>${extra}<div class="sub">${sub}</div></div>`;
}

export const countCell = (n: number, bad = false) =>
  n === 0 ? `<span class="muted">0</span>` : bad ? `<b style="color:var(--fail)">${n}</b>` : String(n);
