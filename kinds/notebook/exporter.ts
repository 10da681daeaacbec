import { NotebookDescriptor } from "./schema";
import { archivePlan } from "../../exporters/archives";
import { obj, str } from "../../exporters/normalize";
import { KindExporter, SkipError } from "../../exporters/types";
import { notebookExtension, workspaceWalk, wsSignature, WsEntry } from "../../exporters/workspace-walk";

/**
 * Notebooks as SOURCE. Those an earlier run already has (same id and modified_at) are reused as the walk
 * finds them; the rest wait for the walk to end, then come through folder archives where those save calls
 * (see archives.ts), else one export call each.
 */
export const notebookExporter: KindExporter<"notebook", WsEntry> = {
  kind: "notebook",
  async *list(ctx) {
    const later: WsEntry[] = [];
    await ctx.ready;
    for await (const e of (await workspaceWalk(ctx)).stream(["NOTEBOOK"])) {
      if (!ctx.archives || ctx.reusable("notebook", e.id, wsSignature(e))) yield e;
      else later.push(e);
    }
    if (later.length) yield* (await archivePlan(ctx)).order(later);
  },
  signature: (_ctx, e) => wsSignature(e),
  contentFile: (e) => e.file,
  async read(ctx, e): Promise<NotebookDescriptor> {
    const file = e.file;
    if (!file || !notebookExtension(e.language))
      throw new SkipError(`notebook language ${e.language ?? "(none)"} has no SOURCE format`);
    const language = e.language as NotebookDescriptor["language"];
    const archived = ctx.archives ? await (await archivePlan(ctx)).contentFor(e) : undefined;
    if (archived) return { id: e.path, path: e.path, language, content: archived };
    const body = obj(await ctx.client.get("/api/2.0/workspace/export", { path: e.path, format: "SOURCE" }));
    const content = str(body.content) ?? "";
    const ref = await ctx.content.write(file, Buffer.from(content, "base64"));
    return { id: e.path, path: e.path, language, content: ref };
  },
};
