import { describe, expect, it } from "vitest";
import { actionBodyProblem, MAX_ACTION_DEPTH } from "./action-body";

// Issue 11: server actions posted with "garbage{", an empty body or a 5,000-deep
// array answered 500 before any app code ran. The proxy refuses them (400)
// when this function names a problem.
const TEXT = "text/plain;charset=UTF-8";

describe("actionBodyProblem", () => {
  it.each([
    ["an object argument", '[{"ticketId":"0195f0b4-0000-7000-8000-000000000000","body":"Hello"}]'],
    ["no arguments", "[]"],
    ["undefined fields, as React writes them", '[{"a":"$undefined","b":"$NaN","c":"$-0","d":"$Infinity"}]'],
    ["a string that begins with $, escaped", '[{"body":"$$100 refund"}]'],
    ["a date and a bigint", '["$D2026-12-01T00:00:00.000Z","$n42"]'],
    ["brackets inside strings", `[{"body":"${"[".repeat(200)}"}]`],
    ["escaped quotes inside strings", '[{"body":"say \\"[[[[\\" twice"}]'],
    ["nesting at the limit", "[".repeat(MAX_ACTION_DEPTH) + "]".repeat(MAX_ACTION_DEPTH)],
  ])("accepts %s", (_what, body) => {
    expect(actionBodyProblem(TEXT, body)).toBeNull();
  });

  it.each([
    ["not JSON", TEXT, "garbage{", /not valid JSON/],
    ["empty", TEXT, "", /empty/],
    ["only spaces", TEXT, "   ", /empty/],
    ["5,000 deep", TEXT, "[".repeat(5000) + "]".repeat(5000), /nested too deeply/],
    ["one past the limit", TEXT, "[".repeat(MAX_ACTION_DEPTH + 1) + "]".repeat(MAX_ACTION_DEPTH + 1), /nested too deeply/],
    ["deep objects", TEXT, '{"a":'.repeat(100) + "1" + "}".repeat(100), /nested too deeply/],
    ["a bare string", TEXT, '"x"', /not a list/],
    ["null", TEXT, "null", /not a list/],
    ["an object", TEXT, "{}", /not a list/],
    ["a chunk reference", TEXT, '["$@5"]', /parts that were not sent/],
    ["a map reference", TEXT, '["$Q5"]', /parts that were not sent/],
    ["a blob reference", TEXT, '[{"f":"$B1"}]', /parts that were not sent/],
    ["a server reference", TEXT, '[["$h1"]]', /parts that were not sent/],
    ["a form-data reference", TEXT, '["$K1"]', /parts that were not sent/],
    ["a temporary reference", TEXT, '["$T"]', /parts that were not sent/],
    ["a malformed date marker", TEXT, '["$Dnot-a-date"]', /parts that were not sent/],
    ["multipart", "multipart/form-data; boundary=x", "--x--", /no files or forms/],
    ["url-encoded", "application/x-www-form-urlencoded", "a=b", /unexpected content type/],
  ])("refuses %s", (_what, type, body, message) => {
    expect(actionBodyProblem(type, body)).toMatch(message);
  });

  it("treats a missing content type as text", () => {
    expect(actionBodyProblem(null, "[]")).toBeNull();
    expect(actionBodyProblem(null, "garbage{")).toMatch(/not valid JSON/);
  });
});
