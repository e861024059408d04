import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { registrationAllowed } from "@/lib/env";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInInstead, SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an organization" };

/** /register: a new organization with its first admin — only when the installation allows it (ALLOW_REGISTRATION), else a 404. */
export default async function RegisterPage() {
  // Decided per request: the switch is the running server's environment, not the build's.
  await connection();
  if (!registrationAllowed()) notFound();
  if (await getActor()) redirect("/");
  return (
    <AuthCard
      title="Create your organization"
      description={<p>You become its administrator. We set up a first project with a board for your team.</p>}
    >
      <SignUpForm mode={{ kind: "organization" }} />
      <SignInInstead />
    </AuthCard>
  );
}
