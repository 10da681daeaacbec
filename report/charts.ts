/**
 * Inline SVG charts for the HTML report: no script, no external asset, readable without colour (every bar
 * carries its figure as text) and sized by viewBox so they scale with the page.
 */
export function esc(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

export interface Segment {
  value: number;
  color: string;
  label: string;
}

/** Chart labels are cut to fit their column; the full text stays in the tooltip and the tables. */
function clip(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

const FONT = `font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"`;

function legend(items: { color: string; label: string }[], y: number, x0 = 0): string {
  let x = x0;
  return items
    .map((i) => {
      const part = `<rect x="${x}" y="${y - 9}" width="10" height="10" rx="2" fill="${i.color}"/><text x="${x + 14}" y="${y}" font-size="12" fill="#444">${esc(i.label)}</text>`;
      x += 24 + i.label.length * 6.6;
      return part;
    })
    .join("");
}

/**
 * One row per item, each a 100% bar split into segments (exported vs skipped, matched vs missing...): counts
 * that differ by orders of magnitude stay readable. The row's total is printed at the right.
 */
export function compositionBars(
  title: string,
  rows: { label: string; segments: Segment[]; total: string }[],
  legendItems: { color: string; label: string }[],
  width = 560,
): string {
  const labelW = 150;
  const totalW = 90;
  const barW = width - labelW - totalW;
  const rowH = 22;
  const top = 26;
  const height = top + rows.length * rowH + 6;
  const body = rows
    .map((r, i) => {
      const y = top + i * rowH;
      const sum = r.segments.reduce((n, s) => n + s.value, 0);
      let x = labelW;
      const segs =
        sum === 0
          ? `<rect x="${labelW}" y="${y + 3}" width="${barW}" height="14" rx="3" fill="#eceef1"/>`
          : r.segments
              .filter((s) => s.value > 0)
              .map((s) => {
                const w = Math.max(3, (s.value / sum) * barW);
                const rect = `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="14" fill="${s.color}"><title>${esc(`${r.label}: ${s.value} ${s.label}`)}</title></rect>`;
                x += w;
                return rect;
              })
              .join("");
      return (
        `<text x="${labelW - 8}" y="${y + 14}" font-size="12" text-anchor="end" fill="#222">${esc(clip(r.label, 22))}</text>` +
        segs +
        `<text x="${labelW + barW + 8}" y="${y + 14}" font-size="12" fill="#222">${esc(r.total)}</text>`
      );
    })
    .join("");
  return (
    `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" ${FONT} xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title>${legend(legendItems, 14, labelW)}${body}</svg>`
  );
}

/** Horizontal bars on one linear scale (cost per start), the figure printed after each bar. */
export function valueBars(
  title: string,
  rows: { label: string; value: number; text: string; color: string }[],
  width = 560,
): string {
  const labelW = 190;
  const textW = 170;
  const barW = width - labelW - textW;
  const rowH = 22;
  const max = Math.max(...rows.map((r) => r.value), 1e-9);
  const height = rows.length * rowH + 8;
  const body = rows
    .map((r, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, (r.value / max) * barW);
      return (
        `<text x="${labelW - 8}" y="${y + 14}" font-size="12" text-anchor="end" fill="#222"><title>${esc(r.label)}</title>${esc(clip(r.label, 26))}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="14" rx="3" fill="${r.color}"/>` +
        `<text x="${(labelW + w + 8).toFixed(1)}" y="${y + 14}" font-size="12" fill="#222">${esc(r.text)}</text>`
      );
    })
    .join("");
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" ${FONT} xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${body}</svg>`;
}

/** The snapshot's age against the RPO target: green up to the target, amber to 3×, red beyond. */
export function ageGauge(ageHours: number, targetHours: number, width = 260): string {
  const max = Math.max(targetHours * 4, ageHours * 1.1);
  const x = (h: number) => 8 + (Math.min(Math.max(h, 0), max) / max) * (width - 16);
  const zones = [
    [0, targetHours, "#2da44e"],
    [targetHours, 3 * targetHours, "#d4a72c"],
    [3 * targetHours, max, "#cf222e"],
  ] as const;
  const bands = zones
    .map(
      ([a, b, c]) =>
        `<rect x="${x(a).toFixed(1)}" y="10" width="${(x(b) - x(a)).toFixed(1)}" height="8" fill="${c}" opacity="0.85"/>`,
    )
    .join("");
  const m = x(ageHours);
  return (
    `<svg role="img" aria-label="snapshot age against the RPO target" viewBox="0 0 ${width} 40" width="100%" ${FONT} xmlns="http://www.w3.org/2000/svg">` +
    `<title>snapshot age ${ageHours.toFixed(1)} h, target ${targetHours} h</title>${bands}` +
    `<path d="M${m.toFixed(1)} 6 l-5 -6 h10 z" fill="#111"/><rect x="${(m - 1).toFixed(1)}" y="6" width="2" height="16" fill="#111"/>` +
    `<text x="${x(targetHours).toFixed(1)}" y="34" font-size="10" text-anchor="middle" fill="#555">${targetHours} h</text>` +
    `<text x="${x(3 * targetHours).toFixed(1)}" y="34" font-size="10" text-anchor="middle" fill="#555">${3 * targetHours} h</text>` +
    `</svg>`
  );
}
