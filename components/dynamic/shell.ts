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
  const load = (): DynamicImpl => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const mod = require.extensions[".ts"]
      ? require(modulePath)
      : require("tsx/cjs/api").require(modulePath, modulePath);
    /* eslint-enable @typescript-eslint/no-require-imports */
    return mod[exportName] as DynamicImpl;
  };
  return {
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
