import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { MainNav, type NavItem } from "./main-nav";

export function AppShell({ actor, orgName, timeZone = "UTC", children }: { actor: Actor; orgName: string; timeZone?: string; children: ReactNode }) {
  const staff = isStaff(actor);
  const admin = can(actor, "org.manage") ? [{ href: "/admin", label: "Admin" }] : [];
  const nav: NavItem[] = staff
    ? [
        { href: "/desk", label: "Desk" },
        { href: "/board", label: "Boards" },
        { href: "/portal", label: "My requests" },
        { href: "/settings/canned-responses", label: "Responses" },
      ]
    : [
        { href: "/portal", label: "My requests" },
        { href: "/portal/new", label: "New request" },
      ];
  nav.push(...admin);
  return (
    <div className="min-h-screen">
      {/* The first stop of the Tab key: past the header to the page's own content. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow focus:ring-2 focus:ring-brand-500"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        {/* On a phone the section links scroll inside the header; the page itself never scrolls sideways. */}
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:gap-6 sm:px-6">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight whitespace-nowrap">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
              H
            </span>
            <span>Help desk</span>
            <span data-testid="organization-name" className="hidden rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 sm:inline">{orgName}</span>
          </Link>
          <MainNav items={nav} />
          <div className="ml-auto flex shrink-0 items-center gap-3">
            <NotificationBell actor={actor} />
            <details className="group relative">
              <summary aria-label={`Account menu for ${actor.name}`} className="flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2 py-1 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                <span className="hidden text-right leading-tight sm:block">
                  <span className="block text-sm font-medium">{actor.name}</span>
                  <span className="block text-xs text-slate-500">{actor.roleName}</span>
                </span>
                <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500 group-open:rotate-180">
                  <path d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" />
                </svg>
              </summary>
              <div className="absolute right-0 z-30 mt-2 w-56 rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
                <Link href="/notifications" className="block px-3 py-2 text-slate-700 hover:bg-slate-50">
                  Notifications
                </Link>
                <Link href="/settings/notifications" className="block px-3 py-2 text-slate-700 hover:bg-slate-50">
                  Notification settings
                </Link>
                <Link href="/settings/password" className="block px-3 py-2 text-slate-700 hover:bg-slate-50">
                  Password
                </Link>
              </div>
            </details>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none sm:px-6">
        <TimeZoneProvider timeZone={timeZone}>{children}</TimeZoneProvider>
      </main>
    </div>
  );
}

export function PageHeader({ title, description, actions, back }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; back?: { href: string; label: string } }) {
  return (
    <>
      {back ? (
        <p className="mb-2 text-sm">
          <Link href={back.href} className="text-brand-700 hover:underline">
            ← {back.label}
          </Link>
        </p>
      ) : null}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
    </>
  );
}
