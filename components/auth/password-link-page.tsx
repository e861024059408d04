import Link from "next/link";
import { notFound } from "next/navigation";
import { inspectLinkToken } from "@/lib/domain/users/link-tokens";
import { TOKEN_PATTERN, type PasswordLinkPurpose } from "@/lib/validation/users";
import { AuthCard } from "./auth-card";
import { SetPasswordForm } from "./set-password-form";
import { authLinkClass, LinkProblemCard } from "./link-problem-card";

/**
 * /invite/[token] and /reset/[token]: the form when the link works now, else
 * a page saying why not (expired, used, replaced, not valid) and what to do.
 * Looking at the page changes nothing; the link is used up by "Set password".
 * A path that is not the shape of a link at all is a 404.
 */
export async function PasswordLinkPage({ token, purpose }: { token: string; purpose: PasswordLinkPurpose }) {
  // Not the shape of any link we send (a broken path): no such page. A well-formed link says what is wrong with it.
  if (!TOKEN_PATTERN.test(token)) notFound();
  const state = await inspectLinkToken(token, purpose);
  if (!state.ok) {
    return (
      <LinkProblemCard problem={state.problem}>
        {purpose === "password_reset" ? (
          <p>
            <Link href="/forgot-password" className={authLinkClass}>
              Ask for a new reset link
            </Link>
          </p>
        ) : (
          <p className="text-slate-600">An administrator of your organization can send you a new invite.</p>
        )}
      </LinkProblemCard>
    );
  }
  const { name, email } = state.user;
  return (
    <AuthCard
      title={purpose === "invite" ? `Welcome, ${name}` : "Choose a new password"}
      description={
        <p>
          {purpose === "invite" ? "Choose the password you will sign in with as " : "Choose a new password for "}
          <span className="font-medium text-slate-800">{email}</span>.{purpose === "password_reset" ? " Every browser signed in to your account is signed out." : ""}
        </p>
      }
    >
      <SetPasswordForm token={token} purpose={purpose} />
    </AuthCard>
  );
}
