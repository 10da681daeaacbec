import type { Reply, RequestContext } from "./http";

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  regex: RegExp;
  keys: string[];
  label: string;
  handler: Handler;
}

/**
 * Method + path routing. Patterns use `{name}` for one segment and `{name*}` for the rest of the path;
 * `2.x` alternatives are written `/api/{v:2.0|2.1}/...`-free by registering each version explicitly.
 */
export class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): void {
    const keys: string[] = [];
    const src = pattern
      .split(/(\{[a-zA-Z_]+\*?\})/)
      .map((part) => {
        const m = /^\{([a-zA-Z_]+)(\*?)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        keys.push(m[1]);
        return m[2] ? "(.+)" : "([^/]+)";
      })
      .join("");
    this.routes.push({
      method,
      regex: new RegExp(`^${src}/?$`),
      keys,
      label: `${method} ${pattern}`,
      handler,
    });
  }

  get(p: string, h: Handler): void {
    this.add("GET", p, h);
  }
  post(p: string, h: Handler): void {
    this.add("POST", p, h);
  }
  put(p: string, h: Handler): void {
    this.add("PUT", p, h);
  }
  patch(p: string, h: Handler): void {
    this.add("PATCH", p, h);
  }
  delete(p: string, h: Handler): void {
    this.add("DELETE", p, h);
  }

  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string>; label: string } | null {
    const m = method === "HEAD" ? "GET" : method;
    for (const r of this.routes) {
      if (r.method !== m) continue;
      const hit = r.regex.exec(path);
      if (!hit) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = safeDecode(hit[i + 1])));
      return { handler: r.handler, params, label: r.label };
    }
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
