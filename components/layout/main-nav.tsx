"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentSection, type NavItem } from "./sections";

export type { NavItem };

/** The app's sections, the current one marked for everyone (aria-current) and drawn as chosen. */
export function MainNav({ items }: { items: NavItem[] }) {
  const current = currentSection(items, usePathname() ?? "");
  return (
    <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto">
      {items.map((item) => {
        const here = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={here ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap ${here ? "bg-slate-100 text-slate-900" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
