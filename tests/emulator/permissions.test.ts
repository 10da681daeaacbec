import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { useSampleEmulator } from "./helpers";

const suite = useSampleEmulator();

interface Acl {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  all_permissions: { inherited: boolean; inherited_from_object?: string[]; permission_level: string }[];
}
const idOf = (p: string) => suite.emu.state.tree.get(p)!.object_id;
const entry = (acl: Acl[], name: string) =>
  acl.find((a) => a.user_name === name || a.group_name === name || a.service_principal_name === name);

describe("permissions", () => {
  it("answers every object type of the sample, with object_id and object_type as the service spells them", async () => {
    const targets: [string, string, string][] = [
      [`clusters/${SAMPLE_IDS.sharedCluster}`, "cluster", `/clusters/${SAMPLE_IDS.sharedCluster}`],
      [
        `cluster-policies/${SAMPLE_IDS.jobsPolicy}`,
        "cluster-policy",
        `/cluster-policies/${SAMPLE_IDS.jobsPolicy}`,
      ],
      [
        `instance-pools/${SAMPLE_IDS.generalPool}`,
        "instance-pool",
        `/instance-pools/${SAMPLE_IDS.generalPool}`,
      ],
      [`jobs/${SAMPLE_IDS.jobs.nightlyEtl}`, "job", `/jobs/${SAMPLE_IDS.jobs.nightlyEtl}`],
      [
        `notebooks/${idOf("/Production/MakeFeatures")}`,
        "notebook",
        `/notebooks/${idOf("/Production/MakeFeatures")}`,
      ],
      [`directories/${idOf("/Shared/etl")}`, "directory", `/directories/${idOf("/Shared/etl")}`],
      [`files/${idOf("/Shared/etl/config.yaml")}`, "file", `/files/${idOf("/Shared/etl/config.yaml")}`],
      [
        `repos/${idOf("/Repos/alice.smith@example.com/analytics-pipelines")}`,
        "repo",
        expect.any(String) as unknown as string,
      ],
      [`sql/warehouses/${SAMPLE_IDS.warehouse}`, "warehouses", `/sql/warehouses/${SAMPLE_IDS.warehouse}`],
      ["authorization/tokens", "tokens", "/authorization/tokens"],
      ["authorization/passwords", "passwords", "/authorization/passwords"],
      [`pipelines/${SAMPLE_IDS.pipeline}`, "pipelines", `/pipelines/${SAMPLE_IDS.pipeline}`],
    ];
    for (const [path, type, objectId] of targets) {
      const r = await suite.api.get(`/api/2.0/permissions/${path}`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ object_type: type, object_id: objectId });
      expect(r.json.access_control_list.length).toBeGreaterThan(0);
    }
  });

  it("includes the admins' inherited grant from the object type", async () => {
    const acl: Acl[] = (await suite.api.get(`/api/2.0/permissions/clusters/${SAMPLE_IDS.sharedCluster}`)).json
      .access_control_list;
    expect(entry(acl, "admins")!.all_permissions).toEqual([
      { inherited: true, inherited_from_object: ["/clusters/"], permission_level: "CAN_MANAGE" },
    ]);
    expect(entry(acl, "alice.smith@example.com")!.all_permissions).toEqual([
      { inherited: false, permission_level: "CAN_MANAGE" },
    ]);
  });

  it("passes a folder's grants to what it holds, naming the folder", async () => {
    const dirId = idOf("/Shared/etl");
    const acl: Acl[] = (await suite.api.get(`/api/2.0/permissions/files/${idOf("/Shared/etl/config.yaml")}`))
      .json.access_control_list;
    expect(entry(acl, "data-engineers")!.all_permissions).toEqual([
      { inherited: true, inherited_from_object: [`/directories/${dirId}`], permission_level: "CAN_MANAGE" },
    ]);
    expect(entry(acl, "carol.nguyen@example.com")!.all_permissions).toEqual([
      { inherited: false, permission_level: "CAN_READ" },
    ]);
    expect(entry(acl, "admins")!.all_permissions[0].inherited_from_object).toEqual(["/directories/"]);
    const home = `/Users/bob.jones@example.com`;
    const nb: Acl[] = (
      await suite.api.get(`/api/2.0/permissions/notebooks/${idOf(`${home}/churn_analysis`)}`)
    ).json.access_control_list;
    expect(entry(nb, "bob.jones@example.com")!.all_permissions[0]).toMatchObject({
      inherited: true,
      inherited_from_object: [`/directories/${idOf(home)}`],
    });
  });

  it("PUT replaces own grants (a job keeps its owner), PATCH adds, inherited entries stay", async () => {
    const path = `/api/2.0/permissions/jobs/${SAMPLE_IDS.jobs.hourlyReport}`;
    const put = await suite.api.put(path, {
      access_control_list: [{ group_name: "data-scientists", permission_level: "CAN_MANAGE_RUN" }],
    });
    expect(put.status).toBe(200);
    const acl: Acl[] = put.json.access_control_list;
    expect(entry(acl, "analytics")).toBeUndefined();
    expect(entry(acl, "bob.jones@example.com")!.all_permissions).toEqual([
      { inherited: false, permission_level: "IS_OWNER" },
    ]);
    expect(entry(acl, "admins")!.all_permissions[0].inherited).toBe(true);
    const patched = await suite.api.patch(path, {
      access_control_list: [{ user_name: "carol.nguyen@example.com", permission_level: "CAN_VIEW" }],
    });
    expect(entry(patched.json.access_control_list, "data-scientists")).toBeDefined();
    expect(entry(patched.json.access_control_list, "carol.nguyen@example.com")).toBeDefined();
  });

  it("refuses unknown principals, unsupported levels and missing objects", async () => {
    const path = `/api/2.0/permissions/clusters/${SAMPLE_IDS.analyticsCluster}`;
    const who = await suite.api.patch(path, {
      access_control_list: [{ user_name: "ghost@example.com", permission_level: "CAN_ATTACH_TO" }],
    });
    expect(who.status).toBe(400);
    expect(who.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const level = await suite.api.patch(path, {
      access_control_list: [{ group_name: "users", permission_level: "IS_OWNER" }],
    });
    expect(level.status).toBe(400);
    const missing = await suite.api.get("/api/2.0/permissions/jobs/999");
    expect(missing.status).toBe(404);
    expect(missing.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });
});
