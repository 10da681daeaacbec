import { WorkspaceFileDescriptor } from "../../kinds/workspace-tree";
import { obj, str } from "../normalize";
import { KindExporter, SkipError } from "../types";
import { workspaceWalk, WsEntry } from "../workspace-walk";

/** Workspace files are exported as they are (AUTO answers a file with its own bytes). */
export const workspaceFileExporter: KindExporter<"workspace-file", WsEntry> = {
  kind: "workspace-file",
  async *list(ctx) {
    yield* (await workspaceWalk(ctx)).stream(["FILE"]);
  },
  async read(ctx, e): Promise<WorkspaceFileDescriptor> {
    const file = e.file;
    if (!file) throw new SkipError("no content file could be assigned");
    const body = obj(await ctx.client.get("/api/2.0/workspace/export", { path: e.path, format: "AUTO" }));
    const ref = await ctx.content.write(file, Buffer.from(str(body.content) ?? "", "base64"));
    return { id: e.path, path: e.path, content: ref };
  },
};
