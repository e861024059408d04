import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { registrationAllowed } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2">
          <span aria-hidden className="grid h-9 w-9 place-items-center rounded-lg bg-brand-600 font-semibold text-white">
            H
          </span>
          <span className="text-lg font-semibold tracking-tight">Help desk</span>
        </div>
        <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <h1 className="text-lg font-semibold">Sign in to your account</h1>
          <p className="mt-1 mb-6 text-sm text-slate-600">Use the e-mail address your organization registered.</p>
          <LoginForm callbackUrl={callbackUrl} />
          <p className="mt-4 text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
              Forgot password?
            </Link>
          </p>
          {registrationAllowed() ? (
            <p className="mt-6 border-t border-slate-100 pt-5 text-center text-sm text-slate-600">
              New here?{" "}
              <Link href="/register" className="font-medium text-brand-700 hover:underline">
                Create an organization
              </Link>
            </p>
          ) : null}
        </div>
      </div>
    </main>
  );
}
