import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, StackConfig } from "./schema";
import { parseStackConfig, RawConfig } from "./parse";

export * from "./schema";
export * from "./parse";
export { SecretValue } from "./secret-value";

/** Collects this project's raw config from the Pulumi runtime (the only impure step before parsing). */
export function readRawConfig(): RawConfig {
  const all = pulumi.runtime.allConfig();
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  // isConfigSecret is internal to the SDK; without it the secret check is skipped rather than guessed.
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  for (const [k, value] of Object.entries(all)) {
    if (!k.startsWith(prefix)) continue;
    const key = k.slice(prefix.length);
    values[key] = value;
    if (isSecret?.(k)) secretKeys.add(key);
  }
  return {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    values,
    secretKeys: isSecret ? secretKeys : undefined,
  };
}

export function readStackConfig(): StackConfig {
  return parseStackConfig(readRawConfig());
}
