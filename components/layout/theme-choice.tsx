"use client";

import { useState, useTransition } from "react";
import { setThemeAction } from "@/lib/actions/account";
import { THEME_LABELS, THEMES, type Theme } from "@/lib/validation/theme";

/** What the page shows at once: the root layout rendered the same attribute from the stored choice. */
function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

/**
 * The account menu's "Theme": System, Light or Dark as a group of radios.
 * A choice shows at once and is then saved for the user (every page they
 * open, in any browser, renders it); if saving fails, the previous choice
 * comes back with the reason.
 */
export function ThemeChoice({ initial, className = "" }: { initial: Theme; className?: string }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const choose = (next: Theme) => {
    const previous = theme;
    setTheme(next);
    setMessage(null);
    applyTheme(next);
    startTransition(async () => {
      const res = await setThemeAction({ theme: next });
      if (res.ok) return;
      setTheme(previous);
      applyTheme(previous);
      setMessage(res.fieldErrors?.theme?.[0] ?? res.message);
    });
  };

  return (
    // The border sits on a wrapper: a fieldset's own border is cut around its legend.
    <div className={className}>
      <fieldset>
        <legend className="px-3 pt-2 pb-0.5 text-xs font-medium text-slate-500">Theme</legend>
        {THEMES.map((t) => (
          <label
            key={t}
            className="flex min-h-11 cursor-pointer items-center gap-2 px-3 text-slate-700 hover:bg-slate-50 has-[:checked]:font-medium has-[:checked]:text-slate-900 has-[:focus-visible]:outline-2 has-[:focus-visible]:-outline-offset-2 has-[:focus-visible]:outline-brand-600 sm:min-h-0 sm:py-1.5"
          >
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => choose(t)} className="h-4 w-4 accent-brand-600 focus:outline-none" />
            {THEME_LABELS[t]}
          </label>
        ))}
        {message ? (
          <p role="alert" className="px-3 pb-2 text-xs text-red-700">
            {message}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
