import { describe, expect, it } from "vitest";
import { precheck } from "./precheck";

const limits = { maxBytes: 10 * 1024 * 1024, allowedTypes: ["pdf", "png", "txt"] as ("pdf" | "png" | "txt")[] };

describe("precheck (before the browser sends a file)", () => {
  it("passes an allowed file within the limit, whatever the case of its extension", () => {
    expect(precheck({ name: "Scan.PDF", size: 1000 }, limits)).toBeNull();
    expect(precheck({ name: "exact.txt", size: limits.maxBytes }, limits)).toBeNull();
  });
  it("refuses with the server's words", () => {
    expect(precheck({ name: "big.pdf", size: limits.maxBytes + 1 }, limits)).toBe("File is larger than 10 MB");
    expect(precheck({ name: "empty.txt", size: 0 }, limits)).toBe("The file is empty.");
    expect(precheck({ name: "tool.exe", size: 10 }, limits)).toBe(".exe files are not allowed. Allowed types: PDF, PNG, TXT.");
    expect(precheck({ name: "README", size: 10 }, limits)).toBe("Files without an extension are not allowed. Allowed types: PDF, PNG, TXT.");
  });
});
