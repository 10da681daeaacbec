import type { Ref } from "../common";
import { PipelineDescriptor, pipelineReferences, pipelineSchema } from "./schema";

export * from "./schema";

/**
 * The `pipeline` kind's registry entry (spread into KINDS, kinds/registry.ts). Its exporter, mapping,
 * provisioner and verify rules are the other files of this folder, each hooked into its table with one
 * line (exporters/registry.ts, components/workspace/provisioners.ts, verify/kinds.ts).
 */
export const PIPELINE_KIND = {
  pipeline: {
    name: "pipeline" as const,
    title: "DLT pipelines",
    schema: pipelineSchema,
    references: (d: PipelineDescriptor): Ref[] => pipelineReferences(d),
    hasContent: false as const,
  },
};
