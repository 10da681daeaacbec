import type { KindName } from "./common";
import type { KindExporter } from "../exporters/types";
import type { Provisioner } from "../components/workspace/provisioner";

/**
 * A kind's MODULE: its contract's name with how the exporter reads it and how the stack builds it.
 * kinds/modules.ts lists them; EXPORTERS and PROVISIONERS derive from it. The kind's verify rules
 * (kinds/<kind>/verify.ts) are NOT part of it: verify judges the exporter and the stack and must not reach
 * their code (tests/verify/import-rule.test.ts), so verify/kinds.ts lists them itself.
 */
export interface KindModule<K extends KindName = KindName> {
  kind: K;
  exporter: KindExporter<K>;
  provisioner: Provisioner<K>;
}

export function defineModule<const K extends KindName>(
  contract: { name: K },
  parts: { exporter: KindExporter<K>; provisioner: Provisioner<K> },
): KindModule<K> {
  return { kind: contract.name, ...parts };
}
