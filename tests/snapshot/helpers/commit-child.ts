/**
 * A run that writes a small new snapshot into `out` and commits it: the crash tests start it with
 * DATABRICKS_DR_TEST_CRASH_AT set, so it kills itself (SIGKILL) at that step of the commit.
 *
 *   node --require tsx/cjs tests/snapshot/helpers/commit-child.ts <out> <exportedAt>
 */
import { SCHEMA_VERSION } from "../../../kinds/common";
import { SnapshotWriter } from "../../../snapshot/writer";

async function main(out: string, exportedAt: string): Promise<void> {
  const w = await SnapshotWriter.begin(out, {
    journal: { journal: 1, host: "https://new", filters: {}, tool: "test", schemaVersion: SCHEMA_VERSION },
  });
  const content = await w.writeContent("content/workspace/Shared/new.py", Buffer.from("print('new')\n"));
  const notebook = { id: "/Shared/new", path: "/Shared/new", language: "PYTHON", content };
  await w.writeDescriptors("notebook", [notebook]);
  await w.writeStateIndex({ version: 1, signatures: {} });
  await w.writeManifest({
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "databricks-dr", version: "test" },
    source: { host: "https://new" },
    exportedAt,
    counts: { notebook: 1 },
    skipped: [],
    secretsNeeded: [],
    filters: {},
  });
  await w.commit();
  await w.cleanup();
}

void main(process.argv[2], process.argv[3]).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
