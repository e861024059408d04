import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/guards";
import { PageHeader } from "@/components/layout/app-shell";
import { PasswordForm } from "@/components/account/password-form";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage() {
  const actor = await pageActor();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title="Password" description={`Change the password you sign in with as ${actor.email}. Every other browser signed in to your account is signed out.`} />
      <PasswordForm />
    </div>
  );
}
