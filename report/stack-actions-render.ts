import { esc } from "./charts";
import { tableHtml } from "./html-parts";
import type { StackAction } from "./stack-actions";

const TITLE = "Manual actions by field (paths, clouds, secret references)";
const INTRO =
  "What the stack will not send as the primary has it: storage paths still pointing at the primary's storage, other clouds' settings and node types, `{{secrets/scope/key}}` references the exported scopes cannot satisfy.";

/** Markdown section; `table` is markdown.ts's table builder (passed in: no import cycle). */
export function stackActionsMarkdown(
  actions: readonly StackAction[],
  table: (head: string[], rows: unknown[][]) => string[],
): string[] {
  const out = [`## ${TITLE}`, ""];
  if (!actions.length)
    return [...out, "None: every path, cloud setting and secret reference is valid in the secondary.", ""];
  return [
    ...out,
    INTRO,
    "",
    ...table(
      ["kind", "object", "field", "action"],
      actions.map((a) => [a.kind, a.id, a.field, a.action]),
    ),
  ];
}

export function stackActionsHtml(actions: readonly StackAction[]): string {
  const head = `<h2 id="field-actions">${esc(TITLE)}</h2>`;
  if (!actions.length)
    return (
      head +
      `<p class="muted">None: every path, cloud setting and secret reference is valid in the secondary.</p>`
    );
  return (
    head +
    `<p>${esc(INTRO)}</p>` +
    tableHtml(
      [{ text: "kind" }, { text: "object" }, { text: "field" }, { text: "action" }],
      actions.map((a) => [
        esc(a.kind),
        `<code>${esc(a.id)}</code>`,
        `<code>${esc(a.field)}</code>`,
        esc(a.action),
      ]),
    )
  );
}
