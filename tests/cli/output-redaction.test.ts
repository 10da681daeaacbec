import * as path from "node:path";
import { PassThrough } from "node:stream";
import { redactStream } from "../../cli/output-redaction";
import { Descriptor } from "../../kinds/registry";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { ROOT, run } from "./helpers";

afterAll(removeWrittenSnapshots);

// Built at run time: nothing token-shaped is tracked in the repository.
const PAT = ["dapi", "0123456789abcdef".repeat(2)].join("");

describe("what commands print passes through the one redaction", () => {
  it("masks a credential written to a wrapped stream, string or buffer", () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let seen = "";
    (stream as unknown as PassThrough).on("data", (c: Buffer) => (seen += c.toString()));
    const restore = redactStream(stream);
    stream.write(`token ${PAT} here\n`);
    stream.write(Buffer.from(`and ${PAT}\n`));
    restore();
    stream.write("after\n");
    expect(seen).not.toContain(PAT);
    expect(seen).toContain("dapi***");
    expect(seen).toContain("after");
  });

  it("verify's differences never print a plaintext credential from a descriptor", async () => {
    const primary = sampleWorld().write();
    const b = replicaOf(sampleWorld());
    const cluster = b.list("cluster")[0];
    b.update("cluster", cluster.id, (d: Descriptor<"cluster">) => {
      d.spec.spark_conf = { ...(d.spec.spark_conf ?? {}), "spark.hadoop.token": PAT };
    });
    const secondary = b.write();
    const r = await run(
      process.execPath,
      [
        path.join(ROOT, "bin", "databricks-dr.js"),
        "verify",
        "--json",
        "--primary",
        primary,
        "--secondary",
        secondary,
      ],
      { cwd: ROOT, env: process.env },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/spark_conf/);
    expect(r.stdout + r.stderr).not.toContain(PAT);
  });
});
