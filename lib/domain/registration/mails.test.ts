import { describe, expect, it } from "vitest";
import { accountExistsMail } from "./mails";

describe("the e-mail to an address that already has an account", () => {
  it("creates nothing and says where to sign in or reset the password", () => {
    const m = accountExistsMail({ to: "pat@acme.test", name: "Pat", organizationName: "Acme" }, "https://help.example.org/");
    expect(m.subject).toBe("You already have a help desk account");
    expect(m.text).toContain("Hello Pat,");
    expect(m.text).toContain("(pat@acme.test). It already has an account on Acme's help desk, so nothing new was created.");
    expect(m.text).toContain("Sign in here: https://help.example.org/login");
    expect(m.text).toContain("https://help.example.org/forgot-password");
    expect(m.text).not.toMatch(/\/confirm\//);
  });
});
