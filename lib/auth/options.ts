import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/sign-in";
import { endSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/sessions";
import { audit, requestMeta } from "@/lib/audit";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        return authenticate(credentials, requestMeta(req?.headers));
      },
    }),
  ],
  callbacks: {
    // next-auth's own redirects (sign-out's callbackUrl and the like) follow the same rule as /login's.
    redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
      return `${baseUrl}${safeCallbackPath(path, "/login")}`;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server: the old cookie, if kept or
    // stolen, no longer opens anything (lib/auth/actor.ts checks the row).
    async signOut({ token }) {
      if (typeof token?.sid !== "string") return;
      const ended = await endSession(token.sid, "sign_out").catch(() => null);
      if (ended) await audit({ organizationId: ended.organizationId, actorId: ended.userId, action: "auth.sign_out", entityType: "user", entityId: ended.userId });
    },
  },
};
