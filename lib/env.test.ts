import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://localhost/x" };

describe("upload settings", () => {
  it("default to 10 MB and the DESIGN §7 types", () => {
    const e = parseEnv(base);
    expect(e.UPLOAD_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(e.UPLOAD_ALLOWED_TYPES).toEqual(["pdf", "png", "jpg", "jpeg", "doc", "docx", "xls", "xlsx", "txt", "csv", "log"]);
  });

  it("accept a smaller list, tolerating case, dots, spaces and repeats", () => {
    const e = parseEnv({ ...base, UPLOAD_MAX_BYTES: "2097152", UPLOAD_ALLOWED_TYPES: " .PDF, png,pdf ,, " });
    expect(e.UPLOAD_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(e.UPLOAD_ALLOWED_TYPES).toEqual(["pdf", "png"]);
  });

  it("refuse a type the server cannot check by content, an empty list and a nonsense limit", () => {
    expect(() => parseEnv({ ...base, UPLOAD_ALLOWED_TYPES: "pdf,exe" })).toThrow(/UPLOAD_ALLOWED_TYPES may list only/);
    expect(() => parseEnv({ ...base, UPLOAD_ALLOWED_TYPES: " , " })).toThrow();
    expect(() => parseEnv({ ...base, UPLOAD_MAX_BYTES: "0" })).toThrow();
    expect(() => parseEnv({ ...base, UPLOAD_MAX_BYTES: "ten" })).toThrow();
  });
});

describe("self-registration", () => {
  it("is off unless the installation says true", () => {
    expect(parseEnv(base).ALLOW_REGISTRATION).toBe(false);
    expect(parseEnv({ ...base, ALLOW_REGISTRATION: "" }).ALLOW_REGISTRATION).toBe(false);
    expect(parseEnv({ ...base, ALLOW_REGISTRATION: "false" }).ALLOW_REGISTRATION).toBe(false);
    expect(parseEnv({ ...base, ALLOW_REGISTRATION: "true" }).ALLOW_REGISTRATION).toBe(true);
  });

  it("refuses a value that is neither true nor false rather than guessing", () => {
    expect(() => parseEnv({ ...base, ALLOW_REGISTRATION: "yes" })).toThrow(/ALLOW_REGISTRATION must be true or false/);
  });
});
