import { describe, expect, it } from "vitest";
import { currentSection } from "./sections";

const staff = [
  { href: "/desk", label: "Desk" },
  { href: "/board", label: "Boards" },
  { href: "/portal", label: "My requests" },
  { href: "/portal/new", label: "New request" },
];

describe("currentSection", () => {
  it("marks the section a page is in, the most specific one when sections nest", () => {
    expect(currentSection(staff, "/desk")).toBe("/desk");
    expect(currentSection(staff, "/board/ENG")).toBe("/board");
    expect(currentSection(staff, "/portal")).toBe("/portal");
    expect(currentSection(staff, "/portal/new")).toBe("/portal/new");
    expect(currentSection(staff, "/portal/requests/SUP-1")).toBe("/portal");
  });
  it("marks nothing for a page outside every section, nor for a name that only starts alike", () => {
    expect(currentSection(staff, "/tickets/SUP-1")).toBeNull();
    expect(currentSection(staff, "/deskette")).toBeNull();
    expect(currentSection(staff, "")).toBeNull();
  });
});
