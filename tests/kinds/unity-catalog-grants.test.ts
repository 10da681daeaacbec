import { z } from "zod";
import { Descriptor, KINDS } from "../../kinds/registry";
import { grantsFrom } from "../../kinds/unity-catalog/exporters/shared";

/* Direct grants on Unity Catalog securables, as the Grants API answers them (permissions/{type}/{name}). */
type Kind = keyof typeof KINDS;
const parse = <K extends Kind>(kind: K, d: unknown) =>
  (KINDS[kind].schema as unknown as z.ZodType<Descriptor<K>>).safeParse(d);
const issue = <K extends Kind>(kind: K, d: unknown) => {
  const r = parse(kind, d);
  return r.success ? undefined : `${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`;
};

describe("grants", () => {
  it("direct grants by principal, privileges sorted and merged; a deleted principal reported", () => {
    const orphans: string[] = [];
    // PrivilegeAssignment entries as the reference shows them; a deleted principal has only principal_id.
    const grants = grantsFrom(
      [
        { principal: "users", privileges: ["USE_CATALOG", "BROWSE"] },
        { principal: "data-engineers", privileges: ["USE_CATALOG"] },
        { principal: "users", privileges: ["USE_CATALOG"] },
        { principal: "", principal_id: 98765, privileges: ["SELECT"] },
      ],
      (id) => orphans.push(id),
    );
    expect(grants).toEqual([
      { principal: "data-engineers", privileges: ["USE_CATALOG"] },
      { principal: "users", privileges: ["BROWSE", "USE_CATALOG"] },
    ]);
    expect(orphans).toEqual(["98765"]);
  });

  it("the schema refuses unsorted grants and privileges that are not UC privileges", () => {
    const base = {
      id: "sales",
      name: "sales",
      catalogType: "MANAGED_CATALOG",
      workspaceBindings: [],
      properties: {},
    };
    expect(
      issue("uc-catalog", {
        ...base,
        grants: [
          { principal: "users", privileges: ["USE_CATALOG"] },
          { principal: "analytics", privileges: ["USE_CATALOG"] },
        ],
      }),
    ).toMatch(/^grants\.1\.principal: grants must be sorted/);
    expect(
      issue("uc-catalog", {
        ...base,
        grants: [{ principal: "users", privileges: ["USE_CATALOG", "BROWSE"] }],
      }),
    ).toMatch(/^grants\.0\.privileges\.1: privileges must be sorted/);
    expect(
      issue("uc-catalog", { ...base, grants: [{ principal: "users", privileges: ["use catalog"] }] }),
    ).toMatch(/^grants\.0\.privileges\.0: expected a Unity Catalog privilege/);
  });
});
