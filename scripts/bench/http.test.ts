import { describe, expect, it } from "vitest";
import { actionDataId, actionIdFor, actionProblem, CookieJar, credentialsForm, pageProblem, statusFieldMb, worstRatio } from "./http";

describe("CookieJar", () => {
  it("keeps the cookies responses set and sends them back", () => {
    const jar = new CookieJar();
    jar.absorb(["next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax", "next-auth.callback-url=http%3A%2F%2Fx; Path=/"]);
    jar.absorb(["next-auth.session-token=eyJ.x=y; Path=/; Expires=Wed, 01 Jan 2098 00:00:00 GMT; HttpOnly"]);
    expect(jar.get("next-auth.session-token")).toBe("eyJ.x=y");
    expect(jar.header()).toBe("next-auth.csrf-token=abc%7Cdef; next-auth.callback-url=http%3A%2F%2Fx; next-auth.session-token=eyJ.x=y");
  });
  it("drops a cookie that is emptied or expired", () => {
    const jar = new CookieJar();
    jar.absorb(["a=1", "b=2", "c=3"]);
    jar.absorb(["a=; Max-Age=0", "b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "c="]);
    expect(jar.header()).toBe("");
  });
});

describe("credentialsForm", () => {
  it("encodes next-auth's credentials fields with json=true", () => {
    const form = new URLSearchParams(credentialsForm({ csrfToken: "t", email: "a@b.test", password: "p&q", callbackUrl: "http://h/" }));
    expect(Object.fromEntries(form)).toEqual({ csrfToken: "t", email: "a@b.test", password: "p&q", callbackUrl: "http://h/", json: "true" });
  });
});

describe("actionIdFor", () => {
  const manifest = {
    node: {
      "40aa": { exportedName: "addCommentAction", filename: "lib/actions/tickets.ts" },
      "40bb": { exportedName: "createTicketAction", filename: "lib/actions/tickets.ts" },
      "40cc": { exportedName: "saveAction", filename: "lib/actions/a.ts" },
      "40dd": { exportedName: "saveAction", filename: "lib/actions/b.ts" },
    },
    edge: {},
  };
  it("finds the action by its exported name", () => expect(actionIdFor(manifest, "addCommentAction")).toBe("40aa"));
  it("tells same-named actions apart by file", () => expect(actionIdFor(manifest, "saveAction", "b.ts")).toBe("40dd"));
  it("throws when there is none or several", () => {
    expect(() => actionIdFor(manifest, "nope")).toThrow(/0 actions/);
    expect(() => actionIdFor(manifest, "saveAction")).toThrow(/2 actions/);
    expect(() => actionIdFor(null, "addCommentAction")).toThrow();
  });
});

describe("pageProblem", () => {
  it("accepts a rendered page", () => expect(pageProblem({ status: 200, body: "<html>SUP-1</html>" }, "SUP-1")).toBeNull());
  it("refuses redirects, errors and Next's streamed fallbacks", () => {
    expect(pageProblem({ status: 307, location: "/login?callbackUrl=%2Fdesk", body: "" })).toMatch(/redirected \(307\) to \/login/);
    expect(pageProblem({ status: 404, body: "" })).toBe("answered 404");
    expect(pageProblem({ status: 500, body: "" })).toBe("answered 500");
    expect(pageProblem({ status: 200, body: '<meta id="__next-page-redirect" http-equiv="refresh" content="1;url=/login"/>' })).toMatch(/redirected inside/);
    expect(pageProblem({ status: 200, body: '"digest":"NEXT_HTTP_ERROR_FALLBACK;404"' })).toMatch(/not-found/);
    expect(pageProblem({ status: 200, body: '<html id="__next_error__">' })).toMatch(/error page/);
    expect(pageProblem({ status: 200, body: "<html></html>" }, "SUP-1")).toMatch(/does not contain/);
  });
});

describe("actionProblem and actionDataId", () => {
  const ok = '0:{"a":"$@1","f":"","b":"x"}\n1:{"ok":true,"data":{"id":"019ad3c0-0000-7000-8000-000000000001"}}\n';
  it("accepts ok:true and reads the new id", () => {
    expect(actionProblem({ status: 200, body: ok })).toBeNull();
    expect(actionDataId(ok)).toBe("019ad3c0-0000-7000-8000-000000000001");
  });
  it("refuses a refusal or a failed request", () => {
    expect(actionProblem({ status: 200, body: '1:{"ok":false,"code":"UNAUTHENTICATED"}' })).toMatch(/without "ok":true/);
    expect(actionProblem({ status: 400, body: "bad" })).toMatch(/answered 400/);
    expect(actionDataId('1:{"ok":false}')).toBeNull();
  });
});

describe("worstRatio", () => {
  it("is the largest big/small p95 ratio", () => {
    expect(worstRatio([{ bigP95: 300, smallP95: 100 }, { bigP95: 50, smallP95: 50 }])).toBe(3);
    expect(worstRatio([])).toBeNaN();
  });
});

describe("statusFieldMb", () => {
  const status = "Name:\tnode\nVmHWM:\t  409600 kB\nVmRSS:\t  204800 kB\nThreads:\t11\n";
  it("reads a kB field of /proc/<pid>/status in MB", () => {
    expect(statusFieldMb(status)).toBe(200);
    expect(statusFieldMb(status, "VmHWM")).toBe(400);
    expect(statusFieldMb("Name:\tnode\n")).toBeNull();
  });
});
