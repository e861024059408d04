import { describe, expect, it } from "vitest";
import { likePrefix } from "./staff-directory";

describe("likePrefix", () => {
  it("lower-cases and appends the wildcard", () => {
    expect(likePrefix("MAR")).toBe("mar%");
  });
  it("escapes LIKE's own wildcards and the escape character, so they match literally", () => {
    expect(likePrefix("50%_off\\")).toBe("50\\%\\_off\\\\%");
  });
});
