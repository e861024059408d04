import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors";
import { confirmEmailSchema, isOrgSlug, registerOrganizationSchema, registerRequesterSchema, slugFrom } from "./registration";

const ok = { organizationName: "  Initech Ltd. ", name: " Pat Founder ", email: " Pat@Initech.TEST ", password: "long-enough-1", confirmPassword: "long-enough-1" };
const fields = (r: { error?: unknown }) => Object.keys(zodFieldErrors(r.error as never));

describe("registration schemas", () => {
  it("trim the names and lower-case the e-mail", () => {
    expect(registerOrganizationSchema.parse(ok)).toEqual({ organizationName: "Initech Ltd.", name: "Pat Founder", email: "pat@initech.test", password: "long-enough-1", confirmPassword: "long-enough-1" });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an empty organization name", { organizationName: "  " }, "organizationName"],
    ["a control character in the organization name", { organizationName: "Ini\u0007tech" }, "organizationName"],
    ["a name of 101 characters", { name: "x".repeat(101) }, "name"],
    ["an address that is not one", { email: "pat@" }, "email"],
    ["a short password", { password: "short", confirmPassword: "short" }, "password"],
    ["passwords that differ", { confirmPassword: "something-else" }, "confirmPassword"],
    ["a field the form does not have", { slug: "acme" }, "slug"],
    ["a NUL in the password", { password: "long-enough\u0000", confirmPassword: "long-enough\u0000" }, "password"],
  ])("put %s on its field", (_, change, field) => {
    const r = registerOrganizationSchema.safeParse({ ...ok, ...change });
    expect(r.success).toBe(false);
    expect(fields(r)).toContain(field);
  });

  it("a portal sign-up names its organization by slug and takes no organization name", () => {
    const { organizationName: _, ...account } = ok;
    expect(registerRequesterSchema.safeParse({ ...account, orgSlug: "acme" }).success).toBe(true);
    expect(fields(registerRequesterSchema.safeParse({ ...account, orgSlug: "acme", organizationName: "Evil" }))).toContain("organizationName");
    expect(fields(registerRequesterSchema.safeParse({ ...account, orgSlug: "a".repeat(51) }))).toContain("orgSlug");
    expect(confirmEmailSchema.safeParse({ token: "A".repeat(43) }).success).toBe(true);
    expect(confirmEmailSchema.safeParse({ token: "../../etc" }).success).toBe(false);
  });
});

describe("organization slugs", () => {
  it("come from the name: lower-case words of letters and digits joined by hyphens", () => {
    expect(slugFrom("Initech Ltd.")).toBe("initech-ltd");
    expect(slugFrom("  Café Ünïcode  & Co ")).toBe("cafe-unicode-co");
    expect(slugFrom("Ωμέγα")).toBe("org");
    expect(slugFrom("---")).toBe("org");
    expect(slugFrom("A".repeat(80))).toHaveLength(40);
    expect(slugFrom(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
  });

  it("are recognised in a URL only in that shape", () => {
    for (const s of ["acme", "globex", "initech-2", "bench-other"]) expect(isOrgSlug(s)).toBe(true);
    for (const s of ["", "Acme", "-acme", "acme-", "a--b", "a_b", "a".repeat(51), "acme%00"]) expect(isOrgSlug(s)).toBe(false);
  });
});
