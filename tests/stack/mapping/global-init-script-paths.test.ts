import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { portEnvOf } from "../../../components/mapping/portability";
import { globalInitScriptArgs } from "../../../kinds/global-init-script/mapping";
import { GlobalInitScriptDescriptor } from "../../../kinds/global-init-script/schema";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "gis-paths-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function script(text: string): GlobalInitScriptDescriptor {
  const file = "content/global-init-scripts/s.sh";
  fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
  return {
    id: "s",
    name: "s",
    enabled: true,
    position: 0,
    content: { file, sha256: "0".repeat(64), size: text.length },
  };
}
const env = portEnvOf({ storageMap: { catalogs: { main: "main_dr" }, accounts: { lake: "lakedr" } } });

describe("global init scripts that name the primary's storage", () => {
  it("are sent rewritten by the storage map; an unmapped path is named by line", () => {
    const text = [
      "#!/bin/bash",
      "cp /Volumes/main/ops/jars/lib.jar /databricks/jars/",
      'az storage copy -s "abfss://raw@lake.dfs.core.windows.net/cfg.json" -d /tmp/',
      "cat /dbfs/mnt/legacy/conf.txt > /usr/mnt/x",
      "",
    ].join("\n");
    const m = globalInitScriptArgs(script(text), root, env);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.args.source).toBeUndefined();
    expect(Buffer.from(m.args.contentBase64 as string, "base64").toString("utf8")).toBe(
      [
        "#!/bin/bash",
        "cp /Volumes/main_dr/ops/jars/lib.jar /databricks/jars/",
        'az storage copy -s "abfss://raw@lakedr.dfs.core.windows.net/cfg.json" -d /tmp/',
        "cat /dbfs/mnt/legacy/conf.txt > /usr/mnt/x",
        "",
      ].join("\n"),
    );
    expect(m.notes).toEqual([
      expect.stringMatching(
        /^content:4 "\/dbfs\/mnt\/legacy\/conf\.txt" still points at the primary's storage \(mount "legacy"/,
      ),
    ]);
  });

  it("a script naming no storage keeps being sent from its snapshot file", () => {
    const m = globalInitScriptArgs(script("#!/bin/bash\necho monitor\n"), root, env);
    expect(m.ok && m.args.source).toBe(path.join(root, "content/global-init-scripts/s.sh"));
    expect(m.ok && m.args.contentBase64).toBeUndefined();
    expect(m.notes).toEqual([]);
  });
});
