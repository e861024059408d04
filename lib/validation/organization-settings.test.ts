import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors";
import {
  bytesToMb,
  DEFAULT_ORGANIZATION_SETTINGS,
  isTimeZone,
  mbToBytes,
  mergeOrganizationSettings,
  readOrganizationSettings,
  timeZones,
  updateOrganizationSettingsSchema,
} from "./organization-settings";

describe("stored organization settings", () => {
  it("start from the defaults when nothing is stored", () => {
    expect(readOrganizationSettings({})).toEqual(DEFAULT_ORGANIZATION_SETTINGS);
    expect(DEFAULT_ORGANIZATION_SETTINGS).toEqual({
      timeZone: "UTC",
      defaultPriority: "normal",
      requestersMayCreateTags: false,
      requestersMayRegister: false,
      attachmentMaxBytes: null,
      allowedFileTypes: null,
    });
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["a string", "oops"],
    ["a number", 42],
    ["an array", [1, 2]],
  ])("read stored JSON that is %s as the defaults, never throwing", (_, stored) => {
    expect(readOrganizationSettings(stored)).toEqual(DEFAULT_ORGANIZATION_SETTINGS);
  });

  it("fall back field by field: valid values are kept, invalid or unknown ones read as their default", () => {
    const s = readOrganizationSettings({
      timeZone: "Mars/Olympus_Mons",
      defaultPriority: "high",
      requestersMayCreateTags: "yes",
      requestersMayRegister: "on",
      attachmentMaxBytes: -5,
      allowedFileTypes: ["pdf", "exe"],
      branding: { colour: "#123456" },
    });
    expect(s).toEqual({ ...DEFAULT_ORGANIZATION_SETTINGS, defaultPriority: "high" });
    expect(
      readOrganizationSettings({ timeZone: "Europe/Paris", attachmentMaxBytes: 1024, allowedFileTypes: ["pdf", "png", "pdf"], requestersMayCreateTags: true, requestersMayRegister: true, defaultPriority: "urgent" }),
    ).toEqual({
      timeZone: "Europe/Paris",
      defaultPriority: "normal",
      requestersMayCreateTags: true,
      requestersMayRegister: true,
      attachmentMaxBytes: 1024,
      allowedFileTypes: ["pdf", "png"],
    });
    expect(readOrganizationSettings({ allowedFileTypes: [] }).allowedFileTypes).toBeNull();
    expect(readOrganizationSettings({ attachmentMaxBytes: 1.5 }).attachmentMaxBytes).toBeNull();
  });

  it("keep other features' keys when written", () => {
    const merged = mergeOrganizationSettings({ branding: { colour: "#123456" }, timeZone: "UTC" }, { ...DEFAULT_ORGANIZATION_SETTINGS, timeZone: "Asia/Tokyo" });
    expect(merged).toMatchObject({ branding: { colour: "#123456" }, timeZone: "Asia/Tokyo" });
    expect(mergeOrganizationSettings("junk", DEFAULT_ORGANIZATION_SETTINGS)).toEqual({ ...DEFAULT_ORGANIZATION_SETTINGS });
  });
});

describe("time zones", () => {
  it("are the runtime's IANA list with UTC first", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Paris");
    expect(new Set(zones).size).toBe(zones.length);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("the settings form", () => {
  const ok = {
    name: "  Acme Corp  ",
    timeZone: "Europe/Paris",
    defaultPriority: "high",
    requestersMayCreateTags: true,
    requestersMayRegister: false,
    attachmentMaxMb: 5,
    allowedFileTypes: ["pdf", "png"],
    updatedAt: "2026-12-01T10:00:00.000Z",
  };
  it("accepts a valid form and trims the name", () => {
    const r = updateOrganizationSettingsSchema.safeParse(ok);
    expect(r.success && r.data.name).toBe("Acme Corp");
  });
  it.each<[string, Record<string, unknown>, string]>([
    ["an empty name", { name: "   " }, "name"],
    ["an unknown time zone", { timeZone: "Europe/Atlantis" }, "timeZone"],
    ["an unknown priority", { defaultPriority: "urgent" }, "defaultPriority"],
    ["a size that is not a number", { attachmentMaxMb: "lots" }, "attachmentMaxMb"],
    ["a size of zero", { attachmentMaxMb: 0 }, "attachmentMaxMb"],
    ["no file type", { allowedFileTypes: [] }, "allowedFileTypes"],
    ["a type no content check exists for", { allowedFileTypes: ["exe"] }, "allowedFileTypes.0"],
    ["a forged version", { updatedAt: "yesterday" }, "updatedAt"],
    ["a sign-up switch that is not a boolean", { requestersMayRegister: "yes" }, "requestersMayRegister"],
    ["a field the form does not have", { slug: "evil" }, "slug"],
  ])("puts %s on its field", (_, change, field) => {
    const r = updateOrganizationSettingsSchema.safeParse({ ...ok, ...change });
    expect(r.success).toBe(false);
    expect(Object.keys(zodFieldErrors(r.error!))).toContain(field);
  });
  it("converts MB and bytes both ways", () => {
    expect(mbToBytes(10)).toBe(10 * 1024 * 1024);
    expect(bytesToMb(10 * 1024 * 1024)).toBe(10);
    expect(bytesToMb(mbToBytes(2.5))).toBe(2.5);
  });
});
