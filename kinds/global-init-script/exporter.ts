import { GlobalInitScriptDescriptor } from "./schema";
import { CONTENT_DIR } from "../../snapshot/layout";
import { assignContentFiles, mappedFile } from "../../exporters/names";
import { arr, Obj, str } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

/** `sig`: the list entry hashed (it carries updated_at). */
type Item = Listed & { scriptId: string; file: string; sig: string };

/** Global init scripts are keyed by name (script ids differ per workspace); content from get's base64 `script`. */
export const globalInitScriptExporter: KindExporter<"global-init-script", Item> = {
  kind: "global-init-script",
  async list(ctx) {
    const scripts = arr((await ctx.client.get<Obj>("/api/2.0/global-init-scripts")).scripts);
    const named = scripts.filter((s) => str(s.name) && str(s.script_id));
    const files = assignContentFiles(
      named.map((s) => ({
        id: s.script_id as string,
        file: mappedFile(`${CONTENT_DIR}/global-init-scripts`, s.name as string, ".sh"),
      })),
    );
    return named.map((s) => ({
      id: s.name as string,
      scriptId: s.script_id as string,
      file: files.get(s.script_id as string)!,
      sig: jsonSignature(s),
    }));
  },
  signature: (_ctx, item) => item.sig,
  contentFile: (item) => item.file,
  async read(ctx, item): Promise<GlobalInitScriptDescriptor> {
    const s = await ctx.client.get<Obj>(`/api/2.0/global-init-scripts/${encodeURIComponent(item.scriptId)}`);
    const name = str(s.name) ?? item.id;
    if (typeof s.script !== "string") throw new SkipError("global init script get returned no script");
    const content = await ctx.content.write(item.file, Buffer.from(s.script, "base64"));
    return {
      id: name,
      name,
      enabled: s.enabled === true,
      position: typeof s.position === "number" ? s.position : 0,
      content,
    };
  },
};
