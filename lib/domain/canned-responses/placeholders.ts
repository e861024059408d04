// Placeholders in canned responses, filled for one ticket and one agent. Pure:
// the caller decides what the agent may see (lib/domain/canned-responses/render.ts).

export const PLACEHOLDERS = {
  "requester.name": "The requester's name",
  "requester.email": "The requester's e-mail (left as is when the requester is staff)",
  "ticket.number": "The ticket number, e.g. SUP-42",
  "ticket.title": "The ticket's title",
  "agent.name": "Your name",
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export interface PlaceholderValues {
  requester: { name: string; email: string | null };
  ticket: { number: string; title: string };
  agent: { name: string };
}

const PATTERN = /\{\{\s*([a-z]+)\.([a-z]+)\s*\}\}/gi;

function valueOf(values: PlaceholderValues, group: string, field: string): string | null {
  const key = `${group.toLowerCase()}.${field.toLowerCase()}`;
  switch (key as Placeholder) {
    case "requester.name":
      return values.requester.name;
    case "requester.email":
      return values.requester.email;
    case "ticket.number":
      return values.ticket.number;
    case "ticket.title":
      return values.ticket.title;
    case "agent.name":
      return values.agent.name;
    default:
      return null;
  }
}

/** Replaces known placeholders; unknown ones (and values withheld as null) stay as written so the agent sees them. */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PATTERN, (all, group: string, field: string) => valueOf(values, group, field) ?? all);
}
