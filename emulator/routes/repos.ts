import { createHash } from "node:crypto";
import { alreadyExists, invalid, notFound } from "../errors";
import { ok, param } from "../http";
import { Router } from "../router";
import { normalizePath } from "../state/tree";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { page, serveObject } from "./util";
import { mkdirs, removeNode } from "./workspace";

export const REPOS_PAGE_SIZE = 20;
const PROVIDERS = [
  "gitHub",
  "bitbucketCloud",
  "gitLab",
  "azureDevOpsServices",
  "gitHubEnterprise",
  "bitbucketServer",
  "gitLabEnterpriseEdition",
  "awsCodeCommit",
];

function getRepo(state: WorkspaceState, id: string): Obj {
  const r = state.repos.get(Number(id));
  if (!r) throw notFound(`Repo ${id} does not exist.`);
  return r;
}

const commitOf = (url: string, ref: string) => createHash("sha1").update(`${url}@${ref}`).digest("hex");

export function createRepo(state: WorkspaceState, body: Obj, opts: { id?: number } = {}): Obj {
  const url = String(body.url ?? "");
  if (!url) throw invalid("Missing required field: url");
  const provider = PROVIDERS.find((p) => p.toLowerCase() === String(body.provider ?? "").toLowerCase());
  if (!provider) throw invalid(`Invalid git provider: ${body.provider}`);
  const name =
    url
      .replace(/\.git$/, "")
      .split("/")
      .pop() || "repo";
  const path = normalizePath(String(body.path ?? `/Repos/${state.currentUser}/${name}`));
  if (!/^\/Repos\/[^/]+\/[^/]+$/.test(path) && !path.startsWith("/Users/"))
    throw invalid(`Repo path ${path} must be of the form /Repos/<folder>/<repo>.`);
  if (state.tree.get(path)) throw alreadyExists(`Path (${path}) already exists.`);
  mkdirs(state, path.slice(0, path.lastIndexOf("/")));
  const id = opts.id ?? state.objectId();
  const branch = String(body.branch ?? "main");
  const repo: Obj = { id, path, url, provider, branch, head_commit_id: commitOf(url, branch) };
  if (body.sparse_checkout) repo.sparse_checkout = body.sparse_checkout;
  state.repos.set(id, repo);
  state.tree.put({ path, object_type: "REPO", object_id: id, repoId: id });
  return repo;
}

export function registerRepos(r: Router): void {
  r.get("/api/2.0/repos", (ctx) => {
    const prefix = param(ctx, "path_prefix");
    const all = [...ctx.state.repos.values()]
      .filter((x) => !prefix || String(x.path).startsWith(normalizePath(prefix)))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    const p = page(all, param(ctx, "next_page_token"), REPOS_PAGE_SIZE);
    const body: Obj = {};
    if (p.items.length) body.repos = p.items;
    if (p.next) body.next_page_token = p.next;
    return ok(body);
  });
  r.get("/api/2.0/repos/{id}", (ctx) => serveObject(ctx.state, getRepo(ctx.state, ctx.params.id)));
  r.post("/api/2.0/repos", (ctx) => ok(createRepo(ctx.state, ctx.body)));
  r.patch("/api/2.0/repos/{id}", (ctx) => {
    const { state } = ctx;
    const repo = getRepo(state, ctx.params.id);
    state.touch(repo);
    if (ctx.body.branch && ctx.body.tag) throw invalid("Only one of branch or tag can be given.");
    if (ctx.body.branch) {
      repo.branch = String(ctx.body.branch);
      repo.head_commit_id = commitOf(repo.url, repo.branch);
    } else if (ctx.body.tag) {
      delete repo.branch;
      repo.head_commit_id = commitOf(repo.url, `tags/${ctx.body.tag}`);
    }
    if (ctx.body.sparse_checkout) repo.sparse_checkout = ctx.body.sparse_checkout;
    return ok({});
  });
  r.delete("/api/2.0/repos/{id}", (ctx) => {
    const { state } = ctx;
    const repo = getRepo(state, ctx.params.id);
    removeNode(state, repo.path);
    state.repos.delete(repo.id);
    return ok({});
  });
}
