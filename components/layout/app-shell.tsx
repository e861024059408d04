import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";
import { AccountMenu } from "./account-menu";
import { ThemeChoice } from "./theme-choice";
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
    // group/shell: a page that marks itself data-wide-page (the board) gets the whole width, header included.
    <div className="group/shell min-h-screen">
      {/* The first stop of the Tab key: past the header to the page's own content. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow focus:ring-2 focus:ring-brand-500"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        {/* Below lg the section links fold into the nav's Menu button; below sm "Sign out" moves into the account menu. */}
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 group-has-[[data-wide-page]]/shell:max-w-none sm:gap-4 sm:px-6 lg:gap-6">
          <Link href="/" className="flex min-h-11 shrink-0 items-center gap-2 font-semibold tracking-tight whitespace-nowrap">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
              H
            </span>
            <span>Help desk</span>
            <span data-testid="organization-name" className="hidden rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 sm:inline">{orgName}</span>
          </Link>
          <MainNav items={nav} />
          <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-3">
            <NotificationBell actor={actor} />
            <AccountMenu>
              <summary
                aria-label={`Account menu for ${actor.name}, ${actor.roleName}`}
                className="flex min-h-11 cursor-pointer list-none items-center gap-1.5 rounded-md px-1.5 hover:bg-slate-100 sm:min-h-0 sm:px-2 sm:py-1 [&::-webkit-details-marker]:hidden"
              >
                {/* The initials are drawn (CSS content), not text: the menu's visible words are then exactly its name's. */}
                <span
                  aria-hidden
                  data-initials={initials(actor.name)}
                  className="grid h-8 w-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700 before:content-[attr(data-initials)] sm:hidden"
                />
                <span className="hidden text-right leading-tight sm:block">
                  <span className="block text-sm font-medium">{actor.name}</span>{" "}
                  <span className="block text-xs text-slate-500">{actor.roleName}</span>
                </span>
                <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500 group-open:rotate-180">
                  <path d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" />
                </svg>
              </summary>
              <div className="absolute right-0 z-30 mt-2 w-56 max-w-[calc(100vw-1.5rem)] rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
                <p className="border-b border-slate-100 px-3 pt-1 pb-2 leading-tight sm:hidden">
                  <span className="block font-medium text-slate-900">{actor.name}</span>
                  <span className="block text-xs text-slate-500">{actor.roleName}</span>
                </p>
                <Link href="/notifications" className={MENU_ITEM}>
                  Notifications
                </Link>
                <Link href="/settings/notifications" className={MENU_ITEM}>
                  Notification settings
                </Link>
                <Link href="/settings/password" className={MENU_ITEM}>
                  Password
                </Link>
                <Link href="/settings/tokens" className={MENU_ITEM}>
                  API tokens
                </Link>
                <ThemeChoice initial={actor.theme ?? "system"} className="border-t border-slate-100" />
                {/* On a phone the header has no room for it: here instead. */}
                <SignOutButton className={`${MENU_ITEM} w-full border-t border-slate-100 text-left sm:hidden`} />
              </div>
            </AccountMenu>
            <SignOutButton className="hidden rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 sm:block" />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none group-has-[[data-wide-page]]/shell:max-w-none sm:px-6">
        <TimeZoneProvider timeZone={timeZone}>{children}</TimeZoneProvider>
      </main>
    </div>
  );
}

/** An account menu entry: 44 px tall on a phone, the desktop's density from sm. */
const MENU_ITEM = "flex min-h-11 items-center px-3 text-slate-700 hover:bg-slate-50 sm:block sm:min-h-0 sm:py-2";

/** "Maria Manager" → "MM" (at most two letters), for the phone's account button. */
function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2)).toUpperCase();
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
