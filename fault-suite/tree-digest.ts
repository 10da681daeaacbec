import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** sha256 over every file's relative path and bytes: equal digests, equal trees. */
export function treeDigest(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else h.update(`${path.relative(dir, abs)}\u0000`).update(fs.readFileSync(abs));
    }
  };
  walk(dir);
  return h.digest("hex");
}

/** `p`, or a rejection naming `what` as a hang once `ms` have passed. */
export function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hang)`)), ms);
    }),
  ]);
}
