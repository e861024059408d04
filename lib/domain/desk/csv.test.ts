import { describe, expect, it } from "vitest";
import { parseCsv } from "@/test/csv-parse";
import { csvCell, csvLine } from "./csv";

describe("CSV quoting (RFC 4180)", () => {
  it("leaves plain text alone and quotes fields holding a comma, quote, CR or LF (quotes doubled)", () => {
    expect(csvCell("Printer jams")).toBe("Printer jams");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("writes nothing as an empty field, dates as ISO 8601 UTC, numbers as they are", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe("2024-01-02T03:04:05.000Z");
    expect(csvCell(-42)).toBe("-42");
  });

  it("ends each record with CRLF, and a reader gets back exactly what was written", () => {
    const rows = [
      ["number", "title"],
      ["SUP-3", 'Quote " comma , and\r\nbreak'],
      ["SUP-4", ""],
    ];
    const text = rows.map((r) => csvLine(r)).join("");
    expect(text.startsWith("number,title\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe("formula injection", () => {
  it.each(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\r=x"])("a cell starting like a formula (%j) is prefixed with a quote", (value) => {
    const [[cell]] = parseCsv(csvLine([value]));
    expect(cell).toBe(`'${value}`);
  });

  it("also when the cell needs quoting, and only at the start", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("Ticket - follow-up")).toBe("Ticket - follow-up");
  });
});
