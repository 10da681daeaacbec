import { RepoDescriptor } from "./schema";
import { unsafeWorkspacePath } from "../../exporters/names";
import { obj, Obj, str } from "../../exporters/normalize";
import { reposList } from "../../exporters/shared";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

/** A repos API entry → descriptor keyed by path; a detached head keeps its commit. */
export function normalizeRepo(r: Obj): RepoDescriptor {
  const path = str(r.path);
  const url = str(r.url);
  const provider = str(r.provider);
  if (!path || !url || !provider) throw new SkipError("repo without path, url or provider");
  const branch = str(r.branch);
  const patterns = obj(r.sparse_checkout).patterns;
  return {
    id: path,
    path,
    url,
    provider,
    branch,
    headCommitId: branch ? undefined : str(r.head_commit_id),
    sparseCheckoutPatterns: Array.isArray(patterns)
      ? patterns.filter((p): p is string => typeof p === "string")
      : undefined,
  };
}

export const repoExporter: KindExporter<"repo", Listed & { raw: Obj }> = {
  kind: "repo",
  async list(ctx) {
    const out: (Listed & { raw: Obj })[] = [];
    for (const raw of await reposList(ctx)) {
      const path = str(raw.path);
      if (!path) {
        ctx.skip("repo", `repo:${String(raw.id)}`, "repo without a workspace path");
        continue;
      }
      const unsafe = unsafeWorkspacePath(path);
      if (unsafe) ctx.skip("repo", JSON.stringify(path).slice(1, -1), `unsafe name: ${unsafe}`);
      else if (ctx.paths.selected(path)) out.push({ id: path, raw });
    }
    return out;
  },
  async read(_ctx, item) {
    return normalizeRepo(item.raw);
  },
};
