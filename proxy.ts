import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/http/security-headers";
import { actionBodyProblem } from "@/lib/http/action-body";
import { servedOverHttps } from "@/lib/env";
import { safeDecodeURIComponent } from "@/lib/safe-decode";

// The proxy never decides access: every page, action and route checks the
// session and permissions on the server. It does these things only:
// - shows the not-found page for a path with a malformed %-escape (Next's
//   router would throw while matching it and answer 500);
// - turns away server-action requests whose body Next could not even decode
//   (Next would answer 500 before any of our code runs), with a 400;
// - gives every page its Content-Security-Policy with a fresh nonce (Next puts
//   the nonce on its own scripts) and HSTS when served over HTTPS;
// - redirects signed-out visitors to /login.

// Reachable signed out (they check the session themselves where it matters).
// /api/v1 authenticates by bearer token in its own handlers (lib/api/v1/operation.ts), never by cookie;
// its document and /api/docs describe the API and grant nothing.
const PUBLIC = [/^\/login(?:\/|$)/, /^\/api\/auth(?:\/|$)/, /^\/api\/v1(?:\/|$)/, /^\/api\/docs$/, /^\/forgot-password$/, /^\/(?:invite|reset|confirm)\/[^/]+$/, /^\/register(?:\/[^/]+)?$/];

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const problem = actionBodyProblem(request.headers.get("content-type"), await request.clone().text());
    if (problem) return secured(NextResponse.json({ ok: false, code: "BAD_REQUEST", message: problem }, { status: 400 }));
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: servedOverHttps() });
  // Next reads the policy from the request to put the nonce on its scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);

  // "/tickets/%E0" names nothing: the not-found page (a path no route matches), with its 404.
  if (request.nextUrl.pathname.split("/").some((segment) => safeDecodeURIComponent(segment) === null)) {
    return secured(NextResponse.rewrite(new URL("/_/malformed-path", request.url), { request: { headers: requestHeaders } }), csp);
  }

  const { pathname } = request.nextUrl;
  if (!PUBLIC.some((p) => p.test(pathname))) {
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
    if (!token) {
      const url = request.nextUrl.clone();
      const callbackUrl = pathname + request.nextUrl.search;
      url.pathname = "/login";
      url.search = callbackUrl && callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
      return secured(NextResponse.redirect(url), csp);
    }
  }

  // Route handlers under /api answer JSON or files under a policy of their own
  // (next.config.ts; a download sets a sandboxing one), which this must not replace.
  return secured(NextResponse.next({ request: { headers: requestHeaders } }), pathname.startsWith("/api/") && pathname !== "/api/docs" ? undefined : csp);
}

function secured(response: NextResponse, csp?: string): NextResponse {
  if (csp) response.headers.set("Content-Security-Policy", csp);
  if (servedOverHttps()) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Everything but Next's static assets and image optimiser, files with an
  // extension (icon.svg, robots.txt) and uploads (streamed to disk: the proxy
  // would buffer the body; the route checks the session itself). Their
  // constant security headers come from next.config.ts.
  matcher: ["/((?!api/uploads|_next/static|_next/image|.*\\..*).*)"],
};
