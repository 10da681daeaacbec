/**
 * The one Pulumi mock setup of the stack tests. Call `installMocks` before the code under test registers any
 * resource (modules here create resources only when called, so importing them first is fine). Every
 * registration is recorded as the engine would receive it: type, name, URN, parent, protect,
 * retainOnDelete, ignoreChanges, dependencies, provider reference, raw (secret-marked) and plain inputs.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  type: string;
  name: string;
  urn: string;
  parent: string;
  custom: boolean;
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  /** URNs this resource depends on (explicit dependsOn and property dependencies). */
  dependencies: string[];
  /** Provider reference `urn::id`, for custom resources. */
  provider: string;
  /** Inputs with secrets still marked (the 4dabf18193072939515e22adb298388d signature). */
  rawInputs: Record<string, unknown>;
  inputs: Record<string, unknown>;
  id?: string;
  /** What the mock returned as the resource's state (its outputs). */
  state?: Record<string, unknown>;
}

export interface Invocation {
  token: string;
  inputs: Record<string, unknown>;
  provider: string;
}

export interface MockWorld {
  registrations: Registration[];
  invocations: Invocation[];
  byType(type: string): Registration[];
  one(type: string, name: string): Registration;
}

export interface MockOptions {
  preview?: boolean;
  /** Users (UPN or mail, lower case) Entra ID does not know. */
  missingUsers?: string[];
  /** Application ids Entra ID does not know. */
  missingServicePrincipals?: string[];
  stack?: string;
}

/** The subscription azure-native's getClientConfig answers in the mocks. */
export const MOCK_SUBSCRIPTION = "00000000-0000-4000-8000-00000000c0de";

export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

let counter = 0;

/** Secondary ids that cannot be mistaken for a primary's: jobs numeric from 900000, others `sec-...`. */
function newId(type: string, name: string): string {
  counter++;
  if (type === "databricks:index/job:Job") return String(900000 + counter);
  return `sec-${counter}-${name.replace(/[^A-Za-z0-9]/g, "").slice(0, 20)}`;
}

function computedState(type: string, inputs: Record<string, unknown>, id: string): Record<string, unknown> {
  const s: Record<string, unknown> = { ...inputs };
  switch (type) {
    case "azure-native:databricks:Workspace":
      s.workspaceUrl = `adb-${counter}.7.azuredatabricks.net`;
      s.workspaceId = String(counter);
      break;
    case "azure-native:databricks:AccessConnector":
      s.identity = { ...(inputs.identity as object), principalId: `principal-${id}`, tenantId: "tenant-1" };
      break;
    case "azure-native:resources:ResourceGroup":
      s.name = inputs.resourceGroupName;
      break;
    case "azure-native:storage:StorageAccount":
      s.name = inputs.accountName;
      break;
    case "azure-native:network:VirtualNetwork":
      s.name = inputs.virtualNetworkName;
      break;
    case "databricks:index/dbfsFile:DbfsFile":
      s.dbfsPath = `dbfs:${inputs.path}`;
      break;
    case "pulumi-nodejs:dynamic/databricks-dr:UserBatch":
    case "pulumi-nodejs:dynamic/databricks-dr:GroupBatch": {
      const principals = (inputs.principals ?? {}) as Record<string, unknown>;
      s.ids = Object.fromEntries(Object.keys(principals).map((u, i) => [u, `sec-scim-${i}-${id}`]));
      break;
    }
    case "pulumi-nodejs:dynamic/databricks-dr:JobBatch": {
      // A batch holding a credential has its jobs as a secret input.
      const jobs = unwrapSecrets(inputs.jobs ?? {}) as Record<string, unknown>;
      s.ids = Object.fromEntries(Object.keys(jobs).map((j, i) => [j, String(800000 + counter * 1000 + i)]));
      break;
    }
  }
  return s;
}

export async function installMocks(opts: MockOptions = {}): Promise<MockWorld> {
  const registrations: Registration[] = [];
  const invocations: Invocation[] = [];
  const missingUsers = new Set((opts.missingUsers ?? []).map((u) => u.toLowerCase()));
  const missingSps = new Set((opts.missingServicePrincipals ?? []).map((u) => u.toLowerCase()));
  const pending = new Map<string, Registration>();

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = args.custom === false ? undefined : newId(args.type, args.name);
        const reg = pending.get(`${args.type}::${args.name}`);
        const state = computedState(args.type, args.inputs, id ?? "");
        if (reg) Object.assign(reg, { id, state });
        return { id, state };
      },
      call(args) {
        invocations.push({ token: args.token, inputs: args.inputs, provider: args.provider ?? "" });
        switch (args.token) {
          case "azuread:index/getUsers:getUsers": {
            const upns = (args.inputs.userPrincipalNames as string[] | undefined) ?? [];
            const mails = (args.inputs.mails as string[] | undefined) ?? [];
            const users = [
              ...upns
                .filter((u) => !missingUsers.has(u.toLowerCase()))
                .map((u) => ({ userPrincipalName: u, mail: u })),
              ...mails
                .filter((m) => !missingUsers.has(m.toLowerCase()))
                .map((m) => ({ userPrincipalName: m, mail: m })),
            ];
            return { users, objectIds: users.map((_, i) => `obj-${i}`) };
          }
          case "azuread:index/getServicePrincipals:getServicePrincipals": {
            const ids = (args.inputs.clientIds as string[] | undefined) ?? [];
            return {
              servicePrincipals: ids
                .filter((c) => !missingSps.has(c.toLowerCase()))
                .map((clientId) => ({ clientId })),
            };
          }
          case "azure-native:authorization:getClientConfig":
            return {
              subscriptionId: MOCK_SUBSCRIPTION,
              tenantId: "tenant-1",
              clientId: "deployer",
              objectId: "obj",
            };
          case "databricks:index/getGroup:getGroup":
            return { ...args.inputs, id: `sec-builtin-${String(args.inputs.displayName)}` };
          // A warehouse Databricks Managed DR replicated, found in the secondary by its name.
          case "databricks:index/getSqlWarehouse:getSqlWarehouse":
            return { ...args.inputs, id: `sec-warehouse-named-${String(args.inputs.name)}` };
          default:
            return args.inputs;
        }
      },
    },
    "databricks-dr",
    opts.stack ?? "secondary",
    opts.preview ?? false,
  );

  // Record each registration as the engine receives it, options included (mocks.newResource sees no options).
  const monitor = (pulumi.runtime as unknown as { getMonitor(): Record<string, unknown> }).getMonitor() as {
    registerResource(req: RegisterRequest, cb: unknown): Promise<void>;
    newUrn(parent: string, type: string, name: string): string;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequest, cb: unknown) => {
    const raw = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const reg: Registration = {
      type: req.getType(),
      name: req.getName(),
      urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
      parent: req.getParent(),
      custom: req.getCustom(),
      protect: req.getProtect() ?? false,
      retainOnDelete: req.getRetainondelete() ?? false,
      ignoreChanges: req.getIgnorechangesList(),
      dependencies: req.getDependenciesList(),
      provider: req.getProvider(),
      rawInputs: raw,
      inputs: unwrapSecrets(raw) as Record<string, unknown>,
    };
    registrations.push(reg);
    pending.set(`${reg.type}::${reg.name}`, reg);
    return original(req, cb);
  };

  return {
    registrations,
    invocations,
    byType: (type) => registrations.filter((r) => r.type === type),
    one(type, name) {
      const found = registrations.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
      return found[0];
    },
  };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getProvider(): string;
  getObject(): { toJavaScript(): unknown } | undefined;
}

export function unwrapSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270") return unwrapSecrets(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

/** Waits until every registration, invoke and output of the program has settled. */
export async function settle(): Promise<void> {
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** The plain value of an output (in a non-preview run). */
export function valueOf<T>(o: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}
