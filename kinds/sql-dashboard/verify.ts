import type { KindVerifySpec } from "../../verify/spec";

/**
 * Legacy dashboards are matched by folder and name (ids are assigned by each workspace); widgets by their
 * place on the grid and what they show, since widget and visualization ids are assigned too.
 */
export const SQL_DASHBOARD_VERIFY: KindVerifySpec<"sql-dashboard"> = {
  naturalKey: (d) => `${d.parentPath ?? ""}/${d.name}`,
  assignedIds: true,
  setFields: ["settings.tags"],
  canonical: (d) => {
    const widgets = Array.isArray(d.widgets) ? (d.widgets as Record<string, unknown>[]) : [];
    const key = (w: Record<string, unknown>) => {
      const pos = ((w.options as Record<string, unknown> | undefined)?.position ?? {}) as Record<
        string,
        unknown
      >;
      return `${String(pos.row ?? 0).padStart(6, "0")}:${String(pos.col ?? 0).padStart(6, "0")}:${String(w.text ?? "")}`;
    };
    const strip = (w: Record<string, unknown>) => {
      const { id: _id, ...rest } = w;
      void _id;
      const v = rest.visualization as Record<string, unknown> | undefined;
      if (v) {
        const { id: _vid, ...vr } = v;
        void _vid;
        rest.visualization = vr;
      }
      return rest;
    };
    return {
      ...d,
      widgets: [...widgets].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(strip),
    };
  },
};
