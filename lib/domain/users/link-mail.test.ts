import { describe, expect, it } from "vitest";
import { linkMail, linkUrl } from "./link-mail";

describe("link e-mails", () => {
  it("links to /invite/<token> and /reset/<token> under the public URL", () => {
    expect(linkUrl("invite", "tok", "https://help.example.org/")).toBe("https://help.example.org/invite/tok");
    expect(linkUrl("password_reset", "tok", "http://localhost:3000")).toBe("http://localhost:3000/reset/tok");
  });

  it("say who invited, where the link goes and until when it works", () => {
    const expiresAt = new Date("2026-12-08T14:30:00Z");
    const invite = linkMail({ purpose: "invite", to: "pat@acme.test", name: "Pat", organizationName: "Acme", inviterName: "Ada Admin", url: "https://x/invite/t", expiresAt });
    expect(invite.subject).toBe("You are invited to Acme's help desk");
    expect(invite.text).toContain("Ada Admin invited you");
    expect(invite.text).toContain("\nhttps://x/invite/t\n");
    expect(invite.text).toContain("until 2026-12-08 14:30 UTC");
    const reset = linkMail({ purpose: "password_reset", to: "pat@acme.test", name: "Pat", organizationName: "Acme", url: "https://x/reset/t", expiresAt });
    expect(reset.subject).toBe("Reset your help desk password");
    expect(reset.text).toContain("(pat@acme.test)");
    expect(reset.text).toContain("signs you out everywhere else");
  });
});

describe("confirmation e-mails", () => {
  const expiresAt = new Date("2026-12-05T09:00:00Z");
  it("link to /confirm/<token> and say what confirming opens", () => {
    expect(linkUrl("email_confirmation", "tok", "https://help.example.org")).toBe("https://help.example.org/confirm/tok");
    const founder = linkMail({ purpose: "email_confirmation", to: "pat@initech.test", name: "Pat", organizationName: "Initech", founder: true, url: "https://x/confirm/t", expiresAt });
    expect(founder.subject).toBe("Confirm your e-mail address");
    expect(founder.text).toContain("You registered Initech on the help desk with this address (pat@initech.test).");
    expect(founder.text).toContain("you can invite your team");
    expect(founder.text).toContain("\nhttps://x/confirm/t\n");
    expect(founder.text).toContain("until 2026-12-05 09:00 UTC");
    const requester = linkMail({ purpose: "email_confirmation", to: "sam@mail.test", name: "Sam", organizationName: "Acme", url: "https://x/confirm/t", expiresAt });
    expect(requester.text).toContain("You signed up for Acme's help desk");
    expect(requester.text).toContain("you can sign in");
  });
});
