import { DirectoryDescriptor } from "./schema";
import { KindExporter } from "../../exporters/types";
import { workspaceWalk, WsEntry } from "../../exporters/workspace-walk";

export const directoryExporter: KindExporter<"directory", WsEntry> = {
  kind: "directory",
  async *list(ctx) {
    yield* (await workspaceWalk(ctx)).stream(["DIRECTORY"]);
  },
  async read(_ctx, e): Promise<DirectoryDescriptor> {
    return { id: e.path, path: e.path };
  },
};
