import type { ReactNode } from "react";

/** The signed-out pages' frame (sign in, forgot password, invite and reset links). */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
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
          <h1 className="text-lg font-semibold">{title}</h1>
          {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
          <div className="mt-6">{children}</div>
        </div>
      </div>
    </main>
  );
}
