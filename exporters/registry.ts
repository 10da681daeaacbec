import { KindName } from "../kinds/common";
import { KindExporter } from "./types";
import { MODULE_EXPORTERS } from "../kinds/modules";

/**
 * One exporter per kind, from the kinds' modules (kinds/modules.ts). Typed over KindName: a kind without a
 * module fails to compile.
 */
export const EXPORTERS: { [K in KindName]: KindExporter<K> } = MODULE_EXPORTERS;
