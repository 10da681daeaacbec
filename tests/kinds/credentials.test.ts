import fc from "fast-check";
import {
  credentialFields,
  credentialIn,
  credentialLines,
  credentialTopFields,
  findingsOf,
} from "../../kinds/credentials";

/*
 * Credential shapes as the services hand them out (built at run time, so nothing credential-shaped is
 * committed): a Databricks PAT is "dapi" + 32 hex digits; an Azure storage account key is 64 random bytes
 * in base64 (88 characters ending "=="); a SAS token carries sv=<date> ... sig=<base64 signature>; an Entra
 * ID client secret is 3 characters, a digit, "Q~" and 31-34 more.
 */
const hex = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 });
const b64char = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
const pat = hex.map((h) => `dapi${h}`);
const accountKey = fc.string({ unit: b64char, minLength: 86, maxLength: 86 }).map((s) => `${s}==`);
const sas = fc
  .string({ unit: b64char, minLength: 32, maxLength: 44 })
  .map((sig) => `sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&sig=${encodeURIComponent(sig)}`);
const secretChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-");
const clientSecret = fc
  .tuple(
    fc.string({ unit: secretChar, minLength: 3, maxLength: 3 }),
    fc.integer({ min: 0, max: 9 }),
    fc.string({ unit: secretChar, minLength: 34, maxLength: 34 }),
  )
  .map(([a, d, b]) => `${a}${d}Q~${b}`);

const credentials: [string, fc.Arbitrary<string>][] = [
  ["databricks-token", pat],
  ["storage-account-key", accountKey],
  ["sas-token", sas],
  ["client-secret", clientSecret],
];

/** Spark conf keys and env var names with nothing credential-like in their name. */
const plainKey = fc.constantFrom(
  "spark.sql.shuffle.partitions",
  "spark.databricks.delta.preview.enabled",
  "PYSPARK_PYTHON",
  "APP_ENV",
  "spark.custom.setting",
);

describe("credential scanner (properties)", () => {
  it.each(credentials)(
    "finds a %s under any key, in spark_conf and env vars, never echoing it",
    (type, gen) => {
      fc.assert(
        fc.property(gen, plainKey, fc.constantFrom("spark_conf", "spark_env_vars"), (value, key, map) => {
          const d = { id: "c1", name: "c", spec: { spark_version: "15.4.x", [map]: { [key]: value } } };
          const found = findingsOf("cluster", d);
          expect(found.map((f) => f.type)).toEqual([type]);
          // Field paths as references spell them: `["a.b"]` for a key holding dots, `.key` otherwise.
          const seg = key.includes(".") ? `[${JSON.stringify(key)}]` : `.${key}`;
          expect(found[0].field).toBe(`spec.${map}${seg}`);
          expect(JSON.stringify(found)).not.toContain(value);
        }),
      );
    },
  );

  it("finds credentials in job parameters, task parameters and job clusters", () => {
    fc.assert(
      fc.property(pat, accountKey, fc.string({ minLength: 8, maxLength: 20 }), (token, key, password) => {
        fc.pre(!/["'{}$]/.test(password) && password.trim().length >= 8);
        const d = {
          id: "7",
          name: "j",
          settings: {
            parameters: [{ name: "db_password", default: password }],
            tasks: [
              { task_key: "a", notebook_task: { notebook_path: "/x", base_parameters: { api: token } } },
              { task_key: "b", spark_python_task: { python_file: "x.py", parameters: ["--token", token] } },
            ],
            job_clusters: [
              {
                job_cluster_key: "k",
                new_cluster: { spark_conf: { "fs.azure.account.key.acct.dfs.core.windows.net": key } },
              },
            ],
          },
        };
        const fields = credentialFields("job", d).map((f) => f.field);
        expect(fields).toEqual([
          "settings.parameters[0].default",
          "settings.tasks[0].notebook_task.base_parameters.api",
          "settings.tasks[1].spark_python_task.parameters[1]",
          'settings.job_clusters[0].new_cluster.spark_conf["fs.azure.account.key.acct.dfs.core.windows.net"]',
        ]);
        expect(JSON.stringify(findingsOf("job", d))).not.toContain(password);
      }),
    );
  });

  it("a secret reference is never a finding, whatever the key", () => {
    const name = fc.string({ unit: fc.constantFrom(..."abcdefghij-_0123"), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        name,
        name,
        fc.constantFrom("password", "fs.azure.account.key.a.dfs.core.windows.net", "TOKEN"),
        (s, k, key) => {
          expect(credentialIn(`{{secrets/${s}/${k}}}`, key)).toBeUndefined();
        },
      ),
    );
  });

  it("never throws on any JSON, and finds nothing in settings without credentials", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        credentialFields("job", { id: "1", settings: v });
        credentialLines(JSON.stringify(v));
      }),
    );
    const word = fc.string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_ "),
      maxLength: 24,
    });
    fc.assert(
      fc.property(fc.dictionary(plainKey, word), (conf) => {
        expect(credentialFields("cluster", { id: "c", spec: { spark_conf: conf } })).toEqual([]);
      }),
    );
  });
});

describe("credential scanner (examples)", () => {
  it("password-like keys with settings as values are not findings", () => {
    expect(credentialIn("true", "spark.databricks.token.enabled")).toBeUndefined();
    expect(credentialIn("OAuth", "fs.azure.account.auth.type")).toBeUndefined();
    expect(
      credentialIn(
        "https://login.microsoftonline.com/t/oauth2/token",
        "fs.azure.account.oauth2.client.endpoint",
      ),
    ).toBeUndefined();
    expect(
      credentialIn(
        "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider",
        "fs.azure.account.oauth.provider.type",
      ),
    ).toBeUndefined();
    expect(credentialIn("s3cr3t-value", "fs.azure.account.oauth2.client.secret")).toBe("client-secret");
    expect(credentialIn("hunter2!", "DB_PASSWORD")).toBe("password-like-key");
  });

  it("finds fixed values in a cluster policy definition", () => {
    const d = {
      id: "p1",
      name: "p",
      definition: JSON.stringify({
        "spark_conf.fs.azure.account.key.a.blob.core.windows.net": { type: "fixed", value: "x".repeat(10) },
      }),
    };
    expect(credentialFields("cluster-policy", d)).toEqual([
      {
        field: 'definition["spark_conf.fs.azure.account.key.a.blob.core.windows.net"].value',
        type: "storage-account-key",
      },
    ]);
  });

  it("finds credentials in notebook sources by line", () => {
    const token = "dapi" + "0a".repeat(16);
    const src = [
      "# Databricks notebook source",
      `token = "${token}"`,
      'pw = dbutils.secrets.get("etl", "db-password")',
      'spark.conf.set("fs.azure.account.key.acct.dfs.core.windows.net", "abcdefghijklmnop")',
      'password = "correct horse"',
    ].join("\n");
    expect(credentialLines(src)).toEqual([
      { line: 2, type: "databricks-token" },
      { line: 4, type: "storage-account-key" },
      { line: 5, type: "password-like-key" },
    ]);
  });

  it("names the top-level spec fields that carry credentials (what the stack marks secret)", () => {
    const d = {
      id: "c",
      spec: {
        spark_conf: { "spark.x": "dapi" + "1".repeat(32) },
        spark_env_vars: { A: "b" },
        num_workers: 1,
      },
    };
    expect([...credentialTopFields("cluster", d, "spec")]).toEqual(["spark_conf"]);
  });
});
