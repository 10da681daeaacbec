/**
 * A small price table to estimate what replicated clusters cost while they run idle in the secondary.
 *
 * Figures are approximate pay-as-you-go list prices in USD per hour: the Azure Linux VM price (East US)
 * and the Databricks Units (DBU) each node type consumes, charged at the Premium all-purpose compute rate.
 * They are for an order of magnitude only: replace them with your region's and contract's rates (edit this
 * table) before quoting a figure. Unknown node types are estimated from their vCPU count and marked so.
 */
export const PRICE_NOTE =
  "Approximate pay-as-you-go list prices (USD/h): Azure Linux VM (East US) plus DBUs at the Premium " +
  "all-purpose rate. Order of magnitude only; edit report/prices.ts for your region and contract.";

/** USD per DBU, Premium tier, all-purpose compute (UI/API clusters are all-purpose). */
export const DBU_PRICE_ALL_PURPOSE = 0.55;

export interface NodePrice {
  /** Azure VM, USD per hour. */
  vmPerHour: number;
  /** Databricks Units per hour for one node of this type. */
  dbuPerHour: number;
}

export const NODE_PRICES: Readonly<Record<string, NodePrice>> = {
  Standard_DS3_v2: { vmPerHour: 0.293, dbuPerHour: 0.75 },
  Standard_DS4_v2: { vmPerHour: 0.585, dbuPerHour: 1.5 },
  Standard_DS5_v2: { vmPerHour: 1.17, dbuPerHour: 3 },
  Standard_D4s_v3: { vmPerHour: 0.192, dbuPerHour: 0.75 },
  Standard_D8s_v3: { vmPerHour: 0.384, dbuPerHour: 1.5 },
  Standard_D16s_v3: { vmPerHour: 0.768, dbuPerHour: 3 },
  Standard_D32s_v3: { vmPerHour: 1.536, dbuPerHour: 6 },
  Standard_D4ds_v5: { vmPerHour: 0.226, dbuPerHour: 0.75 },
  Standard_D8ds_v5: { vmPerHour: 0.452, dbuPerHour: 1.5 },
  Standard_D16ds_v5: { vmPerHour: 0.904, dbuPerHour: 3 },
  Standard_E8s_v3: { vmPerHour: 0.504, dbuPerHour: 2 },
  Standard_E16s_v3: { vmPerHour: 1.008, dbuPerHour: 4 },
  Standard_E8ds_v4: { vmPerHour: 0.576, dbuPerHour: 2 },
  Standard_F4s: { vmPerHour: 0.199, dbuPerHour: 0.5 },
  Standard_F8s: { vmPerHour: 0.398, dbuPerHour: 1 },
  Standard_L8s_v2: { vmPerHour: 0.624, dbuPerHour: 2 },
  Standard_NC6s_v3: { vmPerHour: 3.06, dbuPerHour: 3 },
};

/** Per vCPU, for node types not in the table (the general-purpose D-series average). */
const PER_VCPU: NodePrice = { vmPerHour: 0.05, dbuPerHour: 0.1875 };

export function nodePrice(nodeType: string): (NodePrice & { estimated: boolean }) | undefined {
  const known = NODE_PRICES[nodeType];
  if (known) return { ...known, estimated: false };
  // Azure names carry the vCPU count after the family letters: Standard_D16ds_v5, Standard_E64s_v3.
  const m = /^Standard_[A-Za-z]+?(\d+)/.exec(nodeType);
  if (!m) return undefined;
  const vcpus = Number(m[1]);
  return { vmPerHour: PER_VCPU.vmPerHour * vcpus, dbuPerHour: PER_VCPU.dbuPerHour * vcpus, estimated: true };
}

/** What a node costs per hour, VM and DBUs together. */
export function nodeHourly(p: NodePrice): number {
  return p.vmPerHour + p.dbuPerHour * DBU_PRICE_ALL_PURPOSE;
}
