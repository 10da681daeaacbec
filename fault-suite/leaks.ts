import * as fs from "node:fs";
import * as path from "node:path";

export interface Leak {
  /** The file (relative to the scanned root) or `log line N`. */
  where: string;
  /** Which planted value, by label: never the value itself, so reports do not leak it either. */
  secret: string;
}

export interface Planted {
  label: string;
  value: string;
}

/** The forms a value could take on disk or in a log: as is, base64, base64url, percent-encoded. */
function needles(p: Planted): { form: string; bytes: Buffer }[] {
  const raw = Buffer.from(p.value);
  const forms = new Map<string, string>(); // value → form; a value that looks the same in two forms is searched once
  for (const [form, s] of [
    ["raw", p.value],
    ["base64", raw.toString("base64").replace(/=+$/, "")],
    ["base64url", raw.toString("base64url")],
    ["urlencoded", encodeURIComponent(p.value)],
  ])
    if (!forms.has(s)) forms.set(s, form);
  return [...forms].map(([s, form]) => ({ form, bytes: Buffer.from(s) }));
}

function* filesUnder(root: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const abs = path.join(root, e.name);
    if (e.isDirectory()) yield* filesUnder(abs);
    else if (e.isFile()) yield abs;
  }
}

/** Searches every file under each root (hidden and temporary ones too) and every log line for planted values. */
export function findLeaks(roots: string[], logs: readonly string[], planted: readonly Planted[]): Leak[] {
  const all = planted.filter((p) => p.value.length >= 6).map((p) => ({ p, forms: needles(p) }));
  const leaks: Leak[] = [];
  for (const root of roots)
    for (const file of filesUnder(root)) {
      const data = fs.readFileSync(file);
      for (const { p, forms } of all)
        for (const f of forms)
          if (data.includes(f.bytes))
            leaks.push({ where: path.relative(root, file) || file, secret: `${p.label} (${f.form})` });
    }
  logs.forEach((line, i) => {
    for (const { p, forms } of all)
      for (const f of forms)
        if (line.includes(f.bytes.toString()))
          leaks.push({ where: `log line ${i + 1}`, secret: `${p.label} (${f.form})` });
  });
  return leaks;
}
