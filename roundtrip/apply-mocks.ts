/**
 * Pulumi runtime mocks that do what `pulumi up` would do to the secondary workspace: each Databricks
 * resource's inputs go to the workspace through the REST table (roundtrip/rest-table.ts), dynamic resources
 * run their own provider's create/update, and the ids the workspace assigns flow back into the program, so
 * later resources reference the secondary's real ids. Azure resources and invokes are only mocked.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DatabricksClient } from "../client";
import type { Inputs } from "./api-body";
import { dynamicProvider } from "./dynamic";
import { checkJobBatch } from "./job-batch-shape";
import { REST_DELETES } from "./rest-deletes";
import { NOT_APPLIED, REST_TABLE } from "./rest-table";

/**
 * What a previous run left (Pulumi's state, in small): `type::name` -> id, inputs (a dynamic resource's
 * with its serialized `__provider`), outputs and retainOnDelete, in the order the resources completed (a
 * resource completes after what it depends on, so the reverse is an order that deletes dependents first).
 */
export type StackState = Map<
  string,
  { type: string; id: string; inputs: Inputs; outputs: Inputs; retainOnDelete?: boolean }
>;

export interface ApplyLog {
  /** Resources written to the workspace, per type token and operation. */
  applied: { type: string; name: string; id: string; op: "create" | "update" | "unchanged" }[];
  /** Registered, but with no REST API to apply them (mounts), or dropped by `tamper`. */
  notApplied: { type: string; name: string; reason: string }[];
  /** Resources or invokes whose REST calls failed: each is a defect of the stack or the mapping. */
  failures: { type: string; name: string; error: string }[];
  /** Resources that left the program, in the order they were deleted (or retained). */
  deleted: { type: string; name: string; id: string; op: "delete" | "retain" | "replaced" }[];
  /** Mocked: Azure resources, the provider, invokes. */
  mocked: { type: string; name: string }[];
}

export interface ApplyOptions {
  client: DatabricksClient;
  /** The previous run's state: existing resources are updated (when their inputs changed), not created. */
  state?: StackState;
  /** Test hook: change a resource's inputs, or `drop` it (registered but never written). */
  tamper?: (type: string, name: string, inputs: Inputs) => Inputs | "drop";
}

type JobBatchJobs = Parameters<typeof checkJobBatch>[0];

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** Secret-marked values in clear: the workspace receives the value, as from the real provider. */
export function unwrapSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[SECRET_SIG] === SECRET_VALUE) return unwrapSecrets(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function applyingMocks(opts: ApplyOptions): {
  mocks: pulumi.runtime.Mocks;
  log: ApplyLog;
  state: StackState;
  /** Told by the harness, from the registration request, before newResource runs. */
  registered(type: string, name: string, retainOnDelete: boolean): void;
  /** The end of `pulumi up`: deletes what left the program, then the replaced resources' old selves. */
  finish(): Promise<void>;
} {
  const { client } = opts;
  const previous = opts.state ?? new Map();
  const state: StackState = new Map();
  const log: ApplyLog = { applied: [], notApplied: [], failures: [], mocked: [], deleted: [] };
  const seen = new Set<string>();
  const retain = new Map<string, boolean>();
  /** Old selves of replaced resources: deleted after everything else is created and updated. */
  const replaced: { key: string; old: NonNullable<ReturnType<StackState["get"]>> }[] = [];

  async function deleteOld(key: string, old: NonNullable<ReturnType<StackState["get"]>>): Promise<void> {
    const name = key.slice(key.indexOf("::") + 2);
    if (old.type.startsWith("pulumi-nodejs:dynamic")) {
      // Pulumi deletes with the provider serialized in the OLD state, and the old state's outputs.
      await dynamicProvider(old.inputs).delete?.(old.id, old.outputs);
    } else {
      const del = REST_DELETES[old.type];
      if (!del) throw new Error(`no REST delete for ${old.type} in roundtrip/rest-deletes.ts`);
      try {
        await del(client, old.id, old.inputs);
      } catch (e) {
        const err = e as { status?: number; errorCode?: string; message?: string };
        const gone =
          err.status === 404 ||
          err.errorCode === "RESOURCE_DOES_NOT_EXIST" ||
          /does not exist|doesn't exist|not found/i.test(err.message ?? "");
        if (!gone) throw e;
      }
    }
    log.deleted.push({ type: old.type, name, id: old.id, op: "delete" });
  }

  async function finish(): Promise<void> {
    const left = [...previous.entries()].filter(([k]) => !seen.has(k)).reverse();
    for (const [key, old] of [...left, ...replaced.map((r) => [r.key, r.old] as const)]) {
      const name = key.slice(key.indexOf("::") + 2);
      if (old.retainOnDelete && !replaced.some((r) => r.old === old)) {
        log.deleted.push({ type: old.type, name, id: old.id, op: "retain" });
        continue;
      }
      try {
        await deleteOld(key, old);
      } catch (e) {
        log.failures.push({ type: old.type, name, error: `delete: ${message(e)}` });
        // A resource whose delete failed stays in the state, as in Pulumi's.
        state.set(key, old);
      }
    }
  }

  async function applyDatabricks(type: string, name: string, inputs: Inputs) {
    const key = `${type}::${name}`;
    const old = previous.get(key);
    const mapping = REST_TABLE[type];
    if (old && same(old.inputs, inputs))
      return { id: old.id, outputs: old.outputs, op: "unchanged" as const };
    if (old) {
      const r = mapping.update
        ? await mapping.update(client, old.id, inputs, old.inputs)
        : await mapping.create(client, inputs);
      return { ...r, op: "update" as const };
    }
    return { ...(await mapping.create(client, inputs)), op: "create" as const };
  }

  async function applyDynamic(type: string, name: string, inputs: Inputs) {
    // Job settings the batch sends itself: held to the provider's declarations for a job all the same.
    const jobFindings = type.endsWith(":JobBatch") ? checkJobBatch(inputs.jobs as JobBatchJobs) : [];
    if (jobFindings.length) throw new Error(jobFindings.join("; "));
    const old = previous.get(`${type}::${name}`);
    const provider = dynamicProvider(inputs);
    if (old) {
      const d = await provider.diff!(old.id, old.outputs, inputs);
      if (!d.changes) return { id: old.id, outputs: old.outputs, op: "unchanged" as const };
      if (!d.replaces?.length) {
        const r = await provider.update!(old.id, old.outputs, inputs);
        return { id: old.id, outputs: r.outs ?? inputs, op: "update" as const };
      }
    }
    const r = await provider.create(inputs);
    if (old) replaced.push({ key: `${type}::${name}`, old });
    return { id: r.id, outputs: r.outs ?? inputs, op: old ? ("update" as const) : ("create" as const) };
  }

  const mocks: pulumi.runtime.Mocks = {
    async newResource(args) {
      const { type, name } = args;
      let inputs = unwrapSecrets(args.inputs) as Inputs;
      if (args.custom === false) return { id: undefined, state: {} };
      const key = `${type}::${name}`;
      seen.add(key);
      const fake = (prefix: string) => ({ id: `${prefix}:${name}`, state: { ...inputs } });
      if (opts.tamper && (type.startsWith("databricks:") || type.startsWith("pulumi-nodejs:dynamic"))) {
        const t = opts.tamper(type, name, inputs);
        if (t === "drop") {
          log.notApplied.push({ type, name, reason: "dropped by tamper" });
          return fake("dropped");
        }
        inputs = t;
      }
      if (NOT_APPLIED[type]) {
        log.notApplied.push({ type, name, reason: NOT_APPLIED[type] });
        return fake("not-applied");
      }
      const dynamic = type.startsWith("pulumi-nodejs:dynamic");
      if (!dynamic && !REST_TABLE[type]) {
        if (type.startsWith("databricks:index/"))
          log.failures.push({ type, name, error: `no REST mapping for ${type} in roundtrip/rest-table.ts` });
        else log.mocked.push({ type, name });
        return fake("mock");
      }
      try {
        const r = dynamic
          ? await applyDynamic(type, name, inputs)
          : await applyDatabricks(type, name, inputs);
        const outputs = { ...inputs, ...r.outputs };
        state.set(key, { type, id: r.id, inputs, outputs, retainOnDelete: retain.get(key) ?? false });
        log.applied.push({ type, name, id: r.id, op: r.op });
        if ("notApplied" in r && r.notApplied) log.notApplied.push({ type, name, reason: r.notApplied });
        return { id: r.id, state: outputs };
      } catch (e) {
        log.failures.push({ type, name, error: message(e) });
        // Pulumi keeps a resource whose update failed in its state as it was.
        const old = previous.get(key);
        if (old) state.set(key, old);
        return fake("failed");
      }
    },

    async call(args) {
      const inputs = args.inputs as Inputs;
      switch (args.token) {
        // Entra ID knows every principal of the emulated workspaces.
        case "azuread:index/getUsers:getUsers": {
          const names = [
            ...((inputs.userPrincipalNames as string[]) ?? []),
            ...((inputs.mails as string[]) ?? []),
          ];
          const users = names.map((n) => ({ userPrincipalName: n, mail: n }));
          return { users, objectIds: users.map((_, i) => `entra-${i}`) };
        }
        case "azuread:index/getServicePrincipals:getServicePrincipals": {
          const ids = (inputs.clientIds as string[]) ?? [];
          return { servicePrincipals: ids.map((clientId) => ({ clientId })) };
        }
        case "databricks:index/getGroup:getGroup": {
          const displayName = String(inputs.displayName);
          try {
            const r = await client.get<{ Resources?: { id: string }[] }>("/api/2.0/preview/scim/v2/Groups", {
              filter: `displayName eq "${displayName}"`,
            });
            const id = r.Resources?.[0]?.id;
            if (!id) throw new Error(`group ${displayName} not found`);
            return { ...inputs, id, displayName };
          } catch (e) {
            log.failures.push({ type: args.token, name: displayName, error: message(e) });
            throw e;
          }
        }
        // The provider's getDirectory: the folder's object id by its path (workspace/get-status).
        case "databricks:index/getDirectory:getDirectory": {
          const path = String(inputs.path);
          try {
            const r = await client.get<{ object_id: number }>("/api/2.0/workspace/get-status", { path });
            return { ...inputs, id: path, path, objectId: r.object_id, workspacePath: `/Workspace${path}` };
          } catch (e) {
            log.failures.push({ type: args.token, name: path, error: message(e) });
            throw e;
          }
        }
        default:
          log.mocked.push({ type: args.token, name: "invoke" });
          return inputs;
      }
    },
  };
  return {
    mocks,
    log,
    state,
    registered: (type, name, r) => void retain.set(`${type}::${name}`, r),
    finish,
  };
}
