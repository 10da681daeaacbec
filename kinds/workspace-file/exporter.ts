import { WorkspaceFileDescriptor } from "./schema";
import { archivePlan } from "../../exporters/archives";
import { obj, str } from "../../exporters/normalize";
import { KindExporter, SkipError } from "../../exporters/types";
import { workspaceWalk, wsSignature, WsEntry } from "../../exporters/workspace-walk";

/** Workspace files are exported as they are (AUTO answers a file with its own bytes, alone or in a zip). */
export const workspaceFileExporter: KindExporter<"workspace-file", WsEntry> = {
  kind: "workspace-file",
  async *list(ctx) {
    const later: WsEntry[] = [];
    await ctx.ready;
    for await (const e of (await workspaceWalk(ctx)).stream(["FILE"])) {
      if (!ctx.archives || ctx.reusable("workspace-file", e.id, wsSignature(e))) yield e;
      else later.push(e);
    }
    if (later.length) yield* (await archivePlan(ctx)).order(later);
  },
  signature: (_ctx, e) => wsSignature(e),
  contentFile: (e) => e.file,
  async read(ctx, e): Promise<WorkspaceFileDescriptor> {
    const file = e.file;
    if (!file) throw new SkipError("no content file could be assigned");
    const archived = ctx.archives ? await (await archivePlan(ctx)).contentFor(e) : undefined;
    if (archived) return { id: e.path, path: e.path, content: archived };
    const body = obj(await ctx.client.get("/api/2.0/workspace/export", { path: e.path, format: "AUTO" }));
    const ref = await ctx.content.write(file, Buffer.from(str(body.content) ?? "", "base64"));
    return { id: e.path, path: e.path, content: ref };
  },
};
