import { z } from "zod";
import { issuePath } from "../../snapshot/errors";
import { contains, overlaps, parseCidr } from "./cidr";
import {
  CONFIG_KEYS,
  CONFIG_NAMESPACE,
  ConfigKey,
  DEFAULTS,
  GeoRedundantSku,
  Granularity,
  StackConfig,
} from "./schema";
import { SecretValue } from "./secret-value";
import { UnityCatalogConfig, unityCatalogProblem } from "./unity-catalog";

/** A setting that cannot be used: the message starts with the full key, e.g. `databricks-dr:storageSku: ...`. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`${CONFIG_NAMESPACE}:${key}: ${detail}`);
    this.name = "ConfigError";
  }
}

/** What Pulumi holds for this project: values by key without the namespace, and which of them are secret. */
export interface RawConfig {
  project: string;
  stack: string;
  values: Record<string, string>;
  secretKeys?: ReadonlySet<string>;
}

function decode(key: string, raw: string, how: string): unknown {
  const t = raw.trim();
  switch (how) {
    case "string":
      return raw;
    case "bool":
      if (t === "true") return true;
      if (t === "false") return false;
      throw new ConfigError(key, `expected true or false, got "${raw}"`);
    case "int":
      if (!/^-?\d+$/.test(t)) throw new ConfigError(key, `expected an integer, got "${raw}"`);
      return Number(t);
    case "list":
      if (t.startsWith("[")) return parseJson(key, t);
      return t === "" ? [] : t.split(",").map((s) => s.trim());
    default:
      return parseJson(key, t);
  }
}

function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Never echo the text: it may be a secret.
    throw new ConfigError(key, "is not valid structured config (set it with `pulumi config set --path`)");
  }
}

/**
 * Turns raw Pulumi config into a checked StackConfig. Pure: the program calls it before registering any
 * resource, so a bad setting stops the run with the key named and nothing half-created.
 */
export function parseStackConfig(raw: RawConfig): StackConfig {
  const known = new Set(Object.keys(CONFIG_KEYS));
  for (const key of Object.keys(raw.values)) {
    if (!known.has(key))
      throw new ConfigError(key, `unknown setting (known: ${[...known].sort().join(", ")})`);
  }
  const v: Partial<Record<ConfigKey, unknown>> = {};
  for (const [key, spec] of Object.entries(CONFIG_KEYS) as [ConfigKey, (typeof CONFIG_KEYS)[ConfigKey]][]) {
    const text = raw.values[key];
    if (text === undefined) continue;
    if ("secret" in spec && spec.secret && raw.secretKeys && !raw.secretKeys.has(key))
      throw new ConfigError(key, "holds secret values: set it with `pulumi config set --secret --path`");
    const parsed = (spec.schema as z.ZodType).safeParse(decode(key, text, spec.decode));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const sub = issuePath(issue);
      const where = sub ? (sub.startsWith("[") ? `${key}${sub}` : `${key}.${sub}`) : key;
      // Secret values never appear in the message: zod messages here describe shapes, not values.
      throw new ConfigError(where, issue.message);
    }
    v[key] = parsed.data;
  }

  if (v.role === undefined) throw new ConfigError("role", "is required: primary or secondary");
  const role = v.role as StackConfig["role"];
  const existingWorkspace = v.existingWorkspace as StackConfig["existingWorkspace"];
  if (!existingWorkspace && v.location === undefined)
    throw new ConfigError("location", "is required unless existingWorkspace is set (e.g. eastus2)");

  const network = {
    vnetCidr: (v.vnetCidr as string) ?? DEFAULTS.vnetCidr,
    publicSubnetCidr: (v.publicSubnetCidr as string) ?? DEFAULTS.publicSubnetCidr,
    privateSubnetCidr: (v.privateSubnetCidr as string) ?? DEFAULTS.privateSubnetCidr,
  };
  checkNetwork(network);

  const includeKinds = v.includeKinds as StackConfig["filters"]["includeKinds"];
  const excludeKinds = v.excludeKinds as StackConfig["filters"]["excludeKinds"];
  const both = includeKinds?.filter((k) => excludeKinds?.includes(k)) ?? [];
  if (both.length) throw new ConfigError("excludeKinds", `${both.join(", ")} also listed in includeKinds`);

  const snapshotPath = v.snapshotPath as string | undefined;
  if (role === "secondary" && !snapshotPath)
    throw new ConfigError("snapshotPath", "is required for the secondary: the snapshot to replicate");

  const secretValues = new Map<string, SecretValue>();
  for (const [scope, keys] of Object.entries((v.secrets ?? {}) as Record<string, Record<string, string>>))
    for (const [key, value] of Object.entries(keys))
      secretValues.set(`${scope}/${key}`, new SecretValue(value));

  const mounts = (v.mounts ?? []) as StackConfig["mounts"];
  const mountAuth = v.mountAuth as StackConfig["mountAuth"];
  if (mounts.length && !mountAuth)
    throw new ConfigError(
      "mountAuth",
      "is required when mounts are set: {clientId, tenantId, secretScope, secretKey}",
    );
  if (existingWorkspace)
    mounts.forEach((m, i) => {
      if (!m.storageAccount)
        throw new ConfigError(
          `mounts[${i}].storageAccount`,
          "is required in existing-workspace mode (no storage account is created)",
        );
    });
  const unityCatalog = v.unityCatalog as UnityCatalogConfig | undefined;
  const ucProblem = unityCatalog && unityCatalogProblem(unityCatalog, role, existingWorkspace);
  if (ucProblem) throw new ConfigError(...ucProblem);
  const names = new Set<string>();
  mounts.forEach((m, i) => {
    if (names.has(m.name)) throw new ConfigError(`mounts[${i}].name`, `duplicate mount name "${m.name}"`);
    names.add(m.name);
  });

  return {
    project: raw.project,
    stack: raw.stack,
    role,
    location: v.location as string | undefined,
    namePrefix: (v.namePrefix as string) ?? `dbdr-${role}`,
    network,
    storage: {
      sku: (v.storageSku as GeoRedundantSku) ?? DEFAULTS.storageSku,
      accountName: v.storageAccountName as string | undefined,
      containers: (v.containers as string[]) ?? DEFAULTS.containers,
    },
    tags: (v.tags as Record<string, string>) ?? {},
    snapshotPath,
    clusterStartPolicy:
      (v.clusterStartPolicy as StackConfig["clusterStartPolicy"]) ?? DEFAULTS.clusterStartPolicy,
    passiveAutoTerminationMinutes:
      (v.passiveAutoTerminationMinutes as number) ?? DEFAULTS.passiveAutoTerminationMinutes,
    activation: (v.activation as boolean) ?? false,
    prune: (v.prune as boolean) ?? false,
    filters: {
      includeKinds,
      excludeKinds,
      includePaths: v.includePaths as string[] | undefined,
      excludePaths: v.excludePaths as string[] | undefined,
    },
    secretValues,
    mounts,
    mountAuth,
    existingWorkspace: existingWorkspace
      ? { ...existingWorkspace, url: existingWorkspace.url.replace(/\/$/, "") }
      : undefined,
    primaryStack: checkPrimaryStack(role, raw, v.primaryStack as string | undefined),
    primary: v.primary as StackConfig["primary"],
    checkEntraId: (v.checkEntraId as boolean) ?? true,
    databricksAuthType: v.databricksAuthType as string | undefined,
    granularity: (v.granularity as Granularity) ?? (CONFIG_KEYS.granularity.schema.parse({}) as Granularity),
    unityCatalog,
    managedDr: checkManagedDr(role, v.managedDr as StackConfig["managedDr"]),
    storageMap: (v.storageMap as StackConfig["storageMap"]) ?? {},
    nodeTypeMap: (v.nodeTypeMap as StackConfig["nodeTypeMap"]) ?? {},
    secondaryIpAddresses: v.secondaryIpAddresses as string[] | undefined,
  };
}

function checkNetwork(n: StackConfig["network"]): void {
  const vnet = parseCidr(n.vnetCidr);
  if (typeof vnet === "string") throw new ConfigError("vnetCidr", vnet);
  const subnets = [
    ["publicSubnetCidr", parseCidr(n.publicSubnetCidr)],
    ["privateSubnetCidr", parseCidr(n.privateSubnetCidr)],
  ] as const;
  for (const [key, s] of subnets) {
    if (typeof s === "string") throw new ConfigError(key, s);
    if (!contains(vnet, s)) throw new ConfigError(key, `${s.text} is not inside vnetCidr ${vnet.text}`);
    // Databricks VNet injection needs at least /26 per subnet.
    if (s.prefix > 26) throw new ConfigError(key, `${s.text} is smaller than the /26 Databricks requires`);
  }
  const [pub, priv] = [subnets[0][1], subnets[1][1]];
  if (typeof pub !== "string" && typeof priv !== "string" && overlaps(pub, priv))
    throw new ConfigError("privateSubnetCidr", `${priv.text} overlaps publicSubnetCidr ${pub.text}`);
}

/** Managed DR is driven from the secondary stack: it provisions the failover group over both workspaces. */
function checkManagedDr(role: StackConfig["role"], m: StackConfig["managedDr"]): StackConfig["managedDr"] {
  if (m && role !== "secondary")
    throw new ConfigError(
      "managedDr",
      "is set on the secondary stack only (it provisions the failover group)",
    );
  return m;
}

/** primaryStack is read by the secondary; naming the stack itself would read its own outputs. */
function checkPrimaryStack(role: StackConfig["role"], raw: RawConfig, stack?: string): string | undefined {
  if (stack === undefined) return undefined;
  if (role !== "secondary") throw new ConfigError("primaryStack", "is set on the secondary stack only");
  if (stack === raw.stack || stack.endsWith(`/${raw.project}/${raw.stack}`))
    throw new ConfigError("primaryStack", `names this stack (${raw.stack}): name the primary stack`);
  return stack;
}
