import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

// Only redirects signed-out visitors to /login. It never decides access: every
// page, action and route checks the session and permissions on the server.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/login";
  url.search = callbackUrl && callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
  return NextResponse.redirect(url);
}

export const config = {
  // Not: the sign-in page, next-auth's routes, uploads (streamed; they check the
  // session themselves), Next's assets and files with an extension (icon.svg, robots.txt).
  matcher: ["/((?!login|api/auth|api/uploads|_next/static|_next/image|.*\\..*).*)"],
};
