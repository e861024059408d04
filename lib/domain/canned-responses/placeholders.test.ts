import { describe, expect, it } from "vitest";
import { fillPlaceholders, type PlaceholderValues } from "./placeholders";

const values: PlaceholderValues = {
  requester: { name: "Rita Requester", email: "requester@acme.test" },
  ticket: { number: "SUP-42", title: "VPN drops" },
  agent: { name: "Sam Agent" },
};

describe("fillPlaceholders", () => {
  it("fills every supported placeholder, repeated and spaced", () => {
    expect(fillPlaceholders("Hi {{requester.name}} ({{ requester.email }}), about {{ticket.number}} “{{ticket.title}}” — {{agent.name}}, {{requester.name}}", values)).toBe(
      "Hi Rita Requester (requester@acme.test), about SUP-42 “VPN drops” — Sam Agent, Rita Requester",
    );
  });

  it("is case-insensitive in the names", () => {
    expect(fillPlaceholders("{{Ticket.Number}}", values)).toBe("SUP-42");
  });

  it("leaves unknown placeholders and withheld values as written", () => {
    expect(fillPlaceholders("{{agent.email}} {{requester.phone}} {{nope}}", values)).toBe("{{agent.email}} {{requester.phone}} {{nope}}");
    expect(fillPlaceholders("Mail {{requester.email}}", { ...values, requester: { name: "Ada", email: null } })).toBe("Mail {{requester.email}}");
  });

  it("does not re-expand placeholders inside filled values", () => {
    expect(fillPlaceholders("{{ticket.title}}", { ...values, ticket: { number: "SUP-1", title: "{{agent.name}}" } })).toBe("{{agent.name}}");
  });
});
