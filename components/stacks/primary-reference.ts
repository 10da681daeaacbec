import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../config/parse";
import {
  PRIMARY_OUTPUT_NAMES,
  PRIMARY_OUTPUTS,
  PrimaryOutputName,
  PrimaryOverrides,
  PrimaryValues,
} from "./primary-outputs";

/** The primary as the secondary knows it: each value and where it came from. */
export interface PrimaryInfo extends PrimaryValues {
  /** The stack read, when primaryStack is set. */
  stack?: string;
  from: Partial<Record<PrimaryOutputName, "stack" | "config">>;
}

/** One output as the StackReference gives it: absent, or a value (secret or not). */
export type ReadOutput = (name: PrimaryOutputName) => Promise<{ found: boolean; value?: unknown }>;

const show = (v: unknown) => JSON.stringify(v);

/**
 * Pure: the primary stack's outputs checked against PRIMARY_OUTPUTS, merged with the `primary` overrides.
 * Every problem is one ConfigError naming the output, the stack and, for a conflict, the config key too.
 */
export function mergePrimary(
  stack: string | undefined,
  outputs: Partial<Record<PrimaryOutputName, { found: boolean; value?: unknown }>>,
  overrides: PrimaryOverrides = {},
): PrimaryInfo {
  const info: PrimaryInfo = { stack, from: {} };
  const set = (n: PrimaryOutputName, v: string, from: "stack" | "config") => {
    (info as unknown as Record<string, string>)[n] = v;
    info.from[n] = from;
  };
  if (stack) {
    const missing = PRIMARY_OUTPUT_NAMES.filter(
      (n) =>
        PRIMARY_OUTPUTS[n].required &&
        !outputs[n]?.found &&
        !(n !== "role" && overrides[n as keyof PrimaryOverrides]),
    );
    if (missing.length)
      throw new ConfigError(
        "primaryStack",
        `stack ${stack} has no output ${missing.map((n) => `"${n}"`).join(", ")}: run \`pulumi up --stack ${stack}\`, ` +
          `whose role primary exports ${missing.length > 1 ? "them" : "it"}, or check the stack name`,
      );
    for (const n of PRIMARY_OUTPUT_NAMES) {
      const o = outputs[n];
      if (!o?.found || o.value === undefined || o.value === null) continue;
      const parsed = PRIMARY_OUTPUTS[n].schema.safeParse(o.value);
      if (!parsed.success)
        throw new ConfigError(
          "primaryStack",
          `output "${n}" of stack ${stack} ${parsed.error.issues[0].message} (got ${show(o.value)})`,
        );
      set(n, parsed.data, "stack");
    }
  }
  for (const [n, v] of Object.entries(overrides) as [keyof PrimaryOverrides, string | undefined][]) {
    if (v === undefined) continue;
    const fromStack = info.from[n] === "stack" ? info[n] : undefined;
    if (fromStack !== undefined && !sameValue(n, fromStack, v))
      throw new ConfigError(
        `primary.${n}`,
        `${show(v)} differs from output "${n}" of stack ${stack} (databricks-dr:primaryStack), ${show(fromStack)}: ` +
          `remove databricks-dr:primary.${n} or make the two agree`,
      );
    set(n, v, fromStack !== undefined ? "stack" : "config");
  }
  return info;
}

/** URLs compare without a trailing slash and case-insensitively (hosts); the rest exactly. */
function sameValue(n: PrimaryOutputName, a: string, b: string): boolean {
  if (n === "workspaceUrl" || n === "workspaceResourceId")
    return a.replace(/\/$/, "").toLowerCase() === b.replace(/\/$/, "").toLowerCase();
  return a === b;
}

/** The outputs of `stack` through a StackReference (mockable: `pulumi:pulumi:StackReference`). */
export function stackReferenceReader(stack: string): ReadOutput {
  const ref = new pulumi.StackReference("primary-stack", { name: stack });
  return async (name) => {
    const d = await ref.getOutputDetails(name);
    const value = d.value !== undefined ? d.value : d.secretValue;
    return { found: value !== undefined, value };
  };
}

/**
 * The primary of a secondary: with primaryStack, read from that stack's outputs (before any other resource
 * is registered, so a missing output creates nothing), merged with the `primary` overrides; without it, the
 * overrides alone (values copied by hand), or undefined.
 */
export async function resolvePrimary(
  config: { primaryStack?: string; primary?: PrimaryOverrides },
  reader: (stack: string) => ReadOutput = stackReferenceReader,
): Promise<PrimaryInfo | undefined> {
  if (!config.primaryStack) return config.primary ? mergePrimary(undefined, {}, config.primary) : undefined;
  const read = reader(config.primaryStack);
  const outputs = Object.fromEntries(
    await Promise.all(PRIMARY_OUTPUT_NAMES.map(async (n) => [n, await read(n)] as const)),
  );
  return mergePrimary(config.primaryStack, outputs, config.primary);
}
