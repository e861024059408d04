import { z } from "zod";

/** The colour themes a user may choose; "system" follows the device's light/dark setting. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const DEFAULT_THEME: Theme = "system";

/** What the account menu shows for each choice. */
export const THEME_LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

export const THEME_MESSAGE = "Choose System, Light or Dark";

export const isTheme = (value: unknown): value is Theme => typeof value === "string" && (THEMES as readonly string[]).includes(value);

/**
 * The theme a page renders as <html data-theme>: the stored choice, or the
 * system's for a signed-out visitor or a value no longer offered.
 */
export function resolveTheme(value: unknown): Theme {
  return isTheme(value) ? value : DEFAULT_THEME;
}

/** The one field a user sets about their own theme; whose theme it is comes from the session, never from the form. */
export const setThemeSchema = z.object({ theme: z.enum(THEMES, { error: THEME_MESSAGE }) }).strict();
export type SetThemeInput = z.input<typeof setThemeSchema>;
