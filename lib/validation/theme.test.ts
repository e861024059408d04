import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors";
import { resolveTheme, setThemeSchema, THEME_LABELS, THEME_MESSAGE, THEMES } from "./theme";

describe("theme", () => {
  it("resolves a stored choice as itself and anything else (signed out, unknown, wrong type) as the system's", () => {
    for (const t of THEMES) expect(resolveTheme(t)).toBe(t);
    for (const v of [undefined, null, "", "Dark", "sepia", 1, {}, ["dark"]]) expect(resolveTheme(v)).toBe("system");
  });

  it("labels every choice", () => {
    expect(THEMES.map((t) => THEME_LABELS[t])).toEqual(["System", "Light", "Dark"]);
  });

  it("accepts exactly one known theme; a bad value lands on the field with a message, another user's id is refused", () => {
    for (const t of THEMES) expect(setThemeSchema.parse({ theme: t })).toEqual({ theme: t });
    for (const bad of [{ theme: "sepia" }, { theme: "DARK" }, { theme: "" }, { theme: 2 }, {}]) {
      const r = setThemeSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(zodFieldErrors(r.error!)).toEqual({ theme: [THEME_MESSAGE] });
    }
    const other = setThemeSchema.safeParse({ theme: "dark", userId: "0190a0b0-0000-7000-8000-000000000001" });
    expect(other.success).toBe(false);
    expect(zodFieldErrors(other.error!)).toEqual({ userId: ["This field cannot be set here"] });
  });
});
