import type { KindName } from "./common";
import type { KindExporter } from "../exporters/types";
import type { Provisioner } from "../components/workspace/provisioner";
import type { KindVerifySpec } from "../verify/spec";

/**
 * A kind's MODULE: its contract's name with how the exporter reads it, how the stack builds it and how
 * verify judges it. kinds/modules.ts lists them; EXPORTERS, PROVISIONERS and VERIFY_KINDS derive from it.
 * Types only here: a module file imports its kind's exporter, provisioner and verify files itself.
 */
export interface KindModule<K extends KindName = KindName> {
  kind: K;
  exporter: KindExporter<K>;
  provisioner: Provisioner<K>;
  verify: KindVerifySpec<K>;
}

export function defineModule<const K extends KindName>(
  contract: { name: K },
  parts: { exporter: KindExporter<K>; provisioner: Provisioner<K>; verify: KindVerifySpec<K> },
): KindModule<K> {
  return { kind: contract.name, ...parts };
}
