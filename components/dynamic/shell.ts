import type * as pulumi from "@pulumi/pulumi";

/**
 * What a dynamic resource's implementation module exports: the CRUD of pulumi.dynamic.ResourceProvider.
 * Implementations talk to the workspace through the REST client (components/dynamic/connect.ts).
 */
export type DynamicImpl = Required<
  Pick<pulumi.dynamic.ResourceProvider, "diff" | "create" | "update" | "delete">
>;

/**
 * The provider object Pulumi serializes into every dynamic resource's state. It captures nothing but the
 * implementation module's absolute path and export name, and loads the implementation when a method runs:
 * in the program (ts-node/tsx/jest already compile TypeScript) with require, in Pulumi's dynamic-provider
 * process (which compiles nothing) through tsx, a dependency of this project. So the serialized text stays a
 * few hundred bytes, and the REST client and its dependencies are never serialized.
 */
export function lazyProvider(modulePath: string, exportName: string): pulumi.dynamic.ResourceProvider {
  let impl: DynamicImpl | undefined;
  const load = (): DynamicImpl => {
    if (impl) return impl;
    /* eslint-disable @typescript-eslint/no-require-imports */
    let mod: Record<string, unknown> | undefined;
    // tsx's API leaves a `.ts` handler registered that only compiles inside its own namespace: a `.ts`
    // extension is no proof that a plain require compiles TypeScript (every load after the first would
    // throw a SyntaxError in Pulumi's provider process), so a SyntaxError falls back to tsx.
    if (require.extensions[".ts"])
      try {
        mod = require(modulePath);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
      }
    mod ??= require("tsx/cjs/api").require(modulePath, modulePath);
    /* eslint-enable @typescript-eslint/no-require-imports */
    return (impl = mod![exportName] as DynamicImpl);
  };
  return {
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
