import { NotebookDescriptor } from "../../kinds/workspace-tree";
import { obj, str } from "../normalize";
import { KindExporter, SkipError } from "../types";
import { notebookExtension, workspaceWalk, WsEntry } from "../workspace-walk";

export const notebookExporter: KindExporter<"notebook", WsEntry> = {
  kind: "notebook",
  async *list(ctx) {
    yield* (await workspaceWalk(ctx)).stream(["NOTEBOOK"]);
  },
  async read(ctx, e): Promise<NotebookDescriptor> {
    const file = e.file;
    if (!file || !notebookExtension(e.language))
      throw new SkipError(`notebook language ${e.language ?? "(none)"} has no SOURCE format`);
    const body = obj(await ctx.client.get("/api/2.0/workspace/export", { path: e.path, format: "SOURCE" }));
    const content = str(body.content) ?? "";
    const ref = await ctx.content.write(file, Buffer.from(content, "base64"));
    return { id: e.path, path: e.path, language: e.language as NotebookDescriptor["language"], content: ref };
  },
};
