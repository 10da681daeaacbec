import { WorkspaceState } from "../state/workspace-state";
import { addBuiltIns } from "./build";
import { loadDir } from "./dir";
import { buildLarge, LargeSizes } from "./large";
import { buildSample } from "./sample";
import { addSecondaryMetastore } from "./sample-uc";

/** Builds the workspace a seed names: `sample`, `large`, `empty`, or a DIR of verbatim response bodies. */
export async function loadSeed(
  workspace: string,
  opts: { seed?: number; large?: Partial<LargeSizes> } = {},
): Promise<WorkspaceState> {
  const state = new WorkspaceState(opts.seed ?? 1);
  switch (workspace) {
    case "sample":
      buildSample(state);
      break;
    case "large":
      buildLarge(state, opts.large, opts.seed ?? 1);
      break;
    case "empty":
      addBuiltIns(state);
      addSecondaryMetastore(state);
      break;
    default:
      loadDir(state, workspace);
  }
  return state;
}
