import { DirectoryDescriptor } from "../../kinds/workspace-tree";
import { KindExporter } from "../types";
import { workspaceWalk, WsEntry } from "../workspace-walk";

export const directoryExporter: KindExporter<"directory", WsEntry> = {
  kind: "directory",
  async *list(ctx) {
    yield* (await workspaceWalk(ctx)).stream(["DIRECTORY"]);
  },
  async read(_ctx, e): Promise<DirectoryDescriptor> {
    return { id: e.path, path: e.path };
  },
};
