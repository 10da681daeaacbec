import type { z } from "zod";
import { KIND_NAMES, KindName } from "./common";
import type { KindContract } from "./define";
import { KIND_CONTRACTS, KindContracts } from "./contracts";

/**
 * The one registry of object kinds, by name: each kind's contract (kinds/define.ts), derived from
 * KIND_CONTRACTS (kinds/contracts.ts). The exporter, the stack and verify take their per-kind tables from
 * kinds/modules.ts, typed over KindName, so a kind without a module fails to compile.
 */
export type KindSpec<S extends z.ZodType = z.ZodType, K extends KindName = KindName> = KindContract<K, S>;

type ContractsByName = { [C in KindContracts[number] as C["name"]]: C };

export const KINDS = Object.fromEntries(KIND_CONTRACTS.map((c) => [c.name, c])) as unknown as ContractsByName;

export type Descriptor<K extends KindName> = z.infer<(typeof KINDS)[K]["schema"]>;
export type AnyDescriptor = { [K in KindName]: Descriptor<K> }[KindName];

export function kindSpec<K extends KindName>(k: K): (typeof KINDS)[K] {
  return KINDS[k];
}

/** Kinds in the order they must be provisioned: every kind after the kinds it can reference. */
export const PROVISION_ORDER: readonly KindName[] = KIND_NAMES;
