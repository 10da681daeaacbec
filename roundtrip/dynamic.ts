import { createRequire } from "node:module";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";

/**
 * A dynamic resource's provider, loaded from the `__provider` text Pulumi serialized into its inputs,
 * exactly as Pulumi's dynamic-provider host does (`requireFromString(text).handler()`): the round trip runs
 * the same create/diff/update code `pulumi up` would, against the secondary workspace.
 */
const requireFromString = createRequire(require.resolve("@pulumi/pulumi"))("require-from-string") as (
  code: string,
  filename?: string,
) => { handler(): pulumi.dynamic.ResourceProvider };

const cache = new Map<string, pulumi.dynamic.ResourceProvider>();

export function dynamicProvider(inputs: Record<string, unknown>): pulumi.dynamic.ResourceProvider {
  const text = inputs.__provider;
  if (typeof text !== "string") throw new Error("a dynamic resource without its serialized __provider");
  let p = cache.get(text);
  if (!p) {
    p = requireFromString(text, path.join(__dirname, "..", "__dynamic_provider.js")).handler();
    cache.set(text, p);
  }
  return p;
}

/**
 * The environment the dynamic providers see: that of the process their text is compiled in. Under a test
 * sandbox with its own `process` (jest), it is not the sandbox's process.env.
 */
export function providerEnv(): NodeJS.ProcessEnv {
  return requireFromString("module.exports = process.env;", path.join(__dirname, "..", "__env.js")) as never;
}
