import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";

/**
 * What a dynamic resource's implementation module exports: the CRUD of pulumi.dynamic.ResourceProvider.
 * Implementations talk to the workspace through the REST client (components/dynamic/connect.ts).
 */
export type DynamicImpl = Required<
  Pick<pulumi.dynamic.ResourceProvider, "diff" | "create" | "update" | "delete">
>;

/** The package whose checkout holds the implementations (package.json `name`). */
export const PACKAGE_NAME = "databricks-dr";

/** The checkout a module belongs to: the nearest directory up with this package's package.json. */
export function packageRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name === PACKAGE_NAME)
        return dir;
    } catch {
      // no package.json here
    }
    if (path.dirname(dir) === dir) throw new Error(`${from} is not inside the ${PACKAGE_NAME} package`);
  }
}

/**
 * The provider object Pulumi serializes into every dynamic resource's state. It captures the
 * implementation's path RELATIVE to the checkout and its export name, never the absolute path: Pulumi
 * deletes (and reads) with the provider stored in the OLD state, which may come from another checkout
 * path or machine. When a method runs, the checkout is found at run time: DATABRICKS_DR_ROOT, the current
 * directory and its parents (Pulumi runs programs and providers in the project directory), the main
 * module's directory and its parents, and last the checkout that wrote the state. The implementation is
 * loaded with require where TypeScript is already compiled (ts-node/tsx/jest), else through tsx, a
 * dependency of this project (Pulumi's dynamic-provider process compiles nothing). The serialized text
 * stays a few kilobytes; the REST client is never serialized.
 *
 * tsx's API leaves a `.ts` handler registered that only compiles inside its own namespace: a `.ts`
 * extension is no proof that a plain require compiles TypeScript (every load after the first would throw a
 * SyntaxError in Pulumi's provider process), so a SyntaxError falls back to tsx.
 */
export function lazyProvider(modulePath: string, exportName: string): pulumi.dynamic.ResourceProvider {
  const writtenFrom = packageRoot(modulePath);
  const rel = path
    .relative(writtenFrom, modulePath)
    .split(path.sep)
    .join("/")
    .replace(/\.[cm]?[jt]s$/, "");
  const pkg = PACKAGE_NAME;
  let impl: DynamicImpl | undefined;
  const load = (): DynamicImpl => {
    if (impl) return impl;
    /* eslint-disable @typescript-eslint/no-require-imports */
    const nodeFs = require("fs") as typeof fs;
    const nodePath = require("path") as typeof path;
    const up = (d: string | undefined): string[] => {
      const out: string[] = [];
      for (let x = d; x; x = nodePath.dirname(x) === x ? undefined : nodePath.dirname(x)) out.push(x);
      return out;
    };
    const candidates = [
      ...(process.env.DATABRICKS_DR_ROOT ? [process.env.DATABRICKS_DR_ROOT] : []),
      ...up(process.cwd()),
      ...up(require.main?.filename ? nodePath.dirname(require.main.filename) : undefined),
      writtenFrom,
    ];
    const isCheckout = (dir: string) => {
      try {
        return JSON.parse(nodeFs.readFileSync(nodePath.join(dir, "package.json"), "utf8")).name === pkg;
      } catch {
        return false;
      }
    };
    const fileIn = (c: string) =>
      [".ts", ".js"].map((ext) => nodePath.join(c, rel + ext)).find((f) => nodeFs.existsSync(f));
    const root = candidates.find((c) => isCheckout(c) && fileIn(c));
    if (!root)
      throw new Error(
        `${pkg}: cannot load ${rel} (${exportName}), the implementation of a dynamic resource in this stack's ` +
          `state: no ${pkg} checkout found in ${[...new Set(candidates)].join(", ")}. Run pulumi from the ` +
          `${pkg} checkout (the directory with Pulumi.yaml, dependencies installed: npm ci), or set ` +
          `DATABRICKS_DR_ROOT to that directory.`,
      );
    const modulePath = fileIn(root)!;
    let mod: Record<string, unknown> | undefined;
    if (require.extensions[".ts"])
      try {
        mod = require(modulePath);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
      }
    mod ??= require(require.resolve("tsx/cjs/api", { paths: [root] })).require(modulePath, modulePath);
    /* eslint-enable @typescript-eslint/no-require-imports */
    const found = mod![exportName] as DynamicImpl | undefined;
    if (!found) throw new Error(`${pkg}: ${rel} has no export ${exportName}: update the checkout (git pull)`);
    return (impl = found);
  };
  return {
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
