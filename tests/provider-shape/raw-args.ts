/**
 * The arguments the stack hands each @pulumi/databricks constructor, before the SDK copies them into the
 * resource's inputs: the generated constructors copy only the properties they declare, so a top-level
 * property the provider does not know (a wrong name from the mapping) never reaches the registered inputs
 * and is silently lost. Used through jest.mock("@pulumi/databricks", ...) by the shape tests.
 */
import { resourceArgs } from "../../roundtrip/provider-schema";

export interface RawArgs {
  type: string;
  args: Record<string, unknown>;
}

/** Every constructor call since the last `takeRawArgs()` (lookups by id excluded). */
const RAW: RawArgs[] = [];

export function takeRawArgs(): RawArgs[] {
  return RAW.splice(0);
}

type Ctor = (new (name: string, args?: unknown, opts?: { id?: unknown }) => object) & {
  __pulumiType?: string;
};

/** The provider module, its resource classes recording the arguments they are constructed with. */
export function recordingProvider<T extends object>(real: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(real, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof v !== "function" || typeof (v as Ctor).__pulumiType !== "string") return v;
      if (!wrapped.has(key)) {
        const C = v as Ctor;
        wrapped.set(
          key,
          class extends C {
            constructor(name: string, args?: unknown, opts?: { id?: unknown }) {
              super(name, args, opts);
              if (!opts?.id)
                RAW.push({ type: C.__pulumiType!, args: (args ?? {}) as Record<string, unknown> });
            }
          },
        );
      }
      return wrapped.get(key);
    },
  });
}

/** Top-level arguments the resource's Args interface does not declare: the SDK drops them unseen. */
export function undeclaredTopLevel(r: RawArgs): string[] {
  // The provider class's own type is `databricks`; it registers as `pulumi:providers:databricks`.
  const decl = resourceArgs(r.type === "databricks" ? "pulumi:providers:databricks" : r.type);
  if (!decl) return [];
  return Object.keys(r.args)
    .filter((k) => r.args[k] !== undefined && !decl.decl.has(k))
    .map((k) => `${r.type}: ${decl.name}.${k}: unknown property: the provider's SDK drops it`);
}
