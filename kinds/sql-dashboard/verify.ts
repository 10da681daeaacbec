import type { ExpectedRule } from "../../verify/rules";
import type { KindVerifySpec } from "../../verify/spec";

type Obj = Record<string, unknown>;

/** The provider cannot set a legacy dashboard's owner: the stack's identity creates, and so owns, it. */
export const ownedByCreator: ExpectedRule = {
  id: "sql-dashboard-owned-by-creator",
  paths: ["owner"],
  explain: (d) =>
    d.primary !== d.secondary
      ? "a legacy dashboard is owned by whoever creates it (the provider has no owner argument); the ACL is replicated"
      : undefined,
};

/**
 * One spelling for what the provider can write: `width` is always 0 (the widget API ignores it), a false
 * `isHidden`, empty titles and an empty or null `parameterMappings` mean nothing, a position is its place
 * and size; widgets sorted by place,
 * their ids (and their visualizations') left out, since each workspace assigns them.
 */
function canonical(d: Obj): Obj {
  const widgets = Array.isArray(d.widgets) ? (d.widgets as Obj[]) : [];
  const key = (w: Obj) => {
    const pos = ((w.options as Obj | undefined)?.position ?? {}) as Obj;
    return `${String(pos.row ?? 0).padStart(6, "0")}:${String(pos.col ?? 0).padStart(6, "0")}:${String(w.text ?? "")}`;
  };
  const clean = (w: Obj): Obj => {
    const { id: _id, width: _width, ...rest } = w;
    void _id;
    void _width;
    const o = { ...((rest.options ?? {}) as Obj) };
    if (o.isHidden === false) delete o.isHidden;
    // The provider's position is col, row, sizeX, sizeY, autoHeight: the UI's size bounds (min/maxSize*,
    // in the recorded dashboard) cannot be written through it.
    if (o.position && typeof o.position === "object") {
      const p = o.position as Obj;
      o.position = Object.fromEntries(
        ["col", "row", "sizeX", "sizeY", "autoHeight"]
          .filter((k) => p[k] !== undefined)
          .map((k) => [k, p[k]]),
      );
    }
    for (const k of ["title", "description"]) if (o[k] === "") delete o[k];
    const maps = o.parameterMappings as Record<string, Obj> | null | undefined;
    if (!maps || !Object.keys(maps).length) delete o.parameterMappings;
    else
      o.parameterMappings = Object.fromEntries(
        Object.entries(maps).map(([k, m]) => {
          const c = { ...m };
          if (c.title === "") delete c.title;
          if (c.value === null) delete c.value;
          return [k, c];
        }),
      );
    rest.options = o;
    const v = rest.visualization as Obj | undefined;
    if (v) {
      const { id: _vid, ...vr } = v;
      void _vid;
      if (vr.description === "" || vr.description === null) delete vr.description;
      if (vr.query_plan === null) delete vr.query_plan;
      rest.visualization = vr;
    }
    return rest;
  };
  const sorted = [...widgets].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { ...d, widgets: sorted.map(clean) };
}

/** Legacy dashboards are matched by folder and name (ids are assigned by each workspace). */
export const SQL_DASHBOARD_VERIFY: KindVerifySpec<"sql-dashboard"> = {
  naturalKey: (d) => `${d.parentPath ?? ""}/${d.name}`,
  assignedIds: true,
  setFields: ["settings.tags"],
  canonical,
  expected: [ownedByCreator],
};
