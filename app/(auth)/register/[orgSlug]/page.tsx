import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { portalSignUp } from "@/lib/domain/registration/portal-sign-up";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInInstead, SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

/**
 * An organization's portal sign-up page: a requester account, confirmed by
 * e-mail before it signs in. A 404 unless the organization turned on
 * "Requesters may register" — and for a slug that names nothing, the same.
 */
export default async function PortalSignUpPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  await connection();
  const portal = await portalSignUp((await params).orgSlug);
  if (!portal) notFound();
  return (
    <AuthCard
      title={`Sign up for ${portal.organization.name}`}
      description={<p>Create an account to open requests with {portal.organization.name}&apos;s help desk and follow them.</p>}
    >
      <SignUpForm mode={{ kind: "requester", orgSlug: portal.organization.slug }} />
      <SignInInstead />
    </AuthCard>
  );
}
