import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { inspectLinkToken } from "@/lib/domain/users/link-tokens";
import { TOKEN_PATTERN } from "@/lib/validation/users";
import { AuthCard } from "@/components/auth/auth-card";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { LinkProblemCard } from "@/components/auth/link-problem-card";

export const metadata: Metadata = { title: "Confirm your e-mail address", robots: { index: false } };

/**
 * /confirm/[token]: "Confirm e-mail address" when the link works now, else a
 * page saying why not (expired, used, replaced, not valid). Looking at the
 * page changes nothing. A path that is not the shape of a link is a 404.
 */
export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!TOKEN_PATTERN.test(token)) notFound();
  const state = await inspectLinkToken(token, "email_confirmation");
  if (!state.ok) {
    return (
      <LinkProblemCard problem={state.problem}>
        <p className="text-slate-600">
          Signing up again with the same address sends a new link; an organization&apos;s administrator finds &ldquo;Resend confirmation&rdquo; on the Users page.
        </p>
      </LinkProblemCard>
    );
  }
  return (
    <AuthCard
      title="Confirm your e-mail address"
      description={
        <p>
          Confirm that <span className="font-medium break-all text-slate-800">{state.user.email}</span> is yours, {state.user.name}.
        </p>
      }
    >
      <ConfirmEmailForm token={token} />
    </AuthCard>
  );
}
