import { ConfigError, parseStackConfig } from "../../../components/config";

const parse = (values: Record<string, string>) =>
  parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: { role: "secondary", location: "westus", snapshotPath: "snap", ...values },
  });
const error = (values: Record<string, string>) => {
  try {
    parse(values);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("accepted");
};

describe("storageMap and nodeTypeMap config", () => {
  it("default to empty maps", () => {
    const c = parse({});
    expect(c.storageMap).toEqual({});
    expect(c.nodeTypeMap).toEqual({});
  });

  it("accept keep, a plain account, an account with containers, catalogs and mounts", () => {
    const map = {
      accounts: {
        primacct: "keep",
        other: "secacct",
        third: { account: "thirddr", containers: { raw: "raw-dr" } },
      },
      catalogs: { main: "main_dr", shared: "keep" },
      mounts: { raw: "raw-dr" },
    };
    expect(parse({ storageMap: JSON.stringify(map) }).storageMap).toEqual(map);
    expect(parse({ nodeTypeMap: '{"i3.xlarge":"Standard_DS3_v2"}' }).nodeTypeMap).toEqual({
      "i3.xlarge": "Standard_DS3_v2",
    });
  });

  it("name the key of a bad entry", () => {
    expect(error({ storageMap: '{"accounts":{"primacct":"Not_An_Account"}}' })).toMatch(
      /^databricks-dr:storageMap\.accounts\.primacct/,
    );
    expect(
      error({ storageMap: '{"accounts":{"a":{"account":"secacct","containers":{"raw":"RAW"}}}}' }),
    ).toMatch(/^databricks-dr:storageMap\.accounts/);
    expect(error({ storageMap: '{"catalog":{}}' })).toMatch(/^databricks-dr:storageMap/);
    expect(error({ storageMap: '{"catalogs":{"main":"a/b"}}' })).toMatch(
      /^databricks-dr:storageMap\.catalogs\.main/,
    );
    expect(error({ nodeTypeMap: '{"i3.xlarge":"m5.large"}' })).toMatch(
      /^databricks-dr:nodeTypeMap\.i3\.xlarge: an Azure node type/,
    );
    expect(error({ storageMap: "{oops" })).toMatch(/^databricks-dr:storageMap: is not valid/);
  });
});
