import { describe, expect, it } from "vitest";
import { withOrganizationLimits, type UploadConfig } from "./config";

const base: UploadConfig = { dataDir: "/data", maxBytes: 10 * 1024 * 1024, allowedTypes: ["pdf", "png", "txt"] };

describe("the organization's upload limits within the installation's", () => {
  it("default to the installation's", () => {
    expect(withOrganizationLimits(base, { attachmentMaxBytes: null, allowedFileTypes: null })).toEqual(base);
  });
  it("narrow the size and the types", () => {
    expect(withOrganizationLimits(base, { attachmentMaxBytes: 1024, allowedFileTypes: ["txt", "pdf"] })).toEqual({ ...base, maxBytes: 1024, allowedTypes: ["pdf", "txt"] });
  });
  it("never exceed the installation's ceiling", () => {
    const r = withOrganizationLimits(base, { attachmentMaxBytes: 50 * 1024 * 1024, allowedFileTypes: ["pdf", "docx"] });
    expect(r.maxBytes).toBe(base.maxBytes);
    expect(r.allowedTypes).toEqual(["pdf"]);
  });
  it("fall back to the installation's types when none of the chosen ones is accepted any more", () => {
    expect(withOrganizationLimits(base, { attachmentMaxBytes: null, allowedFileTypes: ["docx"] }).allowedTypes).toEqual(base.allowedTypes);
  });
});
