import { describe, expect, it } from "vitest";
import { createTeamSchema, setTicketTeamSchema, teamNameSchema, teamPhrase, TEAM_NAME_MAX } from "./teams";
import { parseDeskQuery } from "./desk";
import { parseBoardQuery } from "./board";

describe("team schemas", () => {
  it("a team name is one trimmed line of at most 80 characters", () => {
    expect(teamNameSchema.parse("  Service desk ")).toBe("Service desk");
    for (const bad of ["", "   ", "a\nb", "tab\there", "x".repeat(TEAM_NAME_MAX + 1), "nul\u0000"]) expect(teamNameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(createTeamSchema.safeParse({ name: "Network", organizationId: "x" }).success).toBe(false);
  });

  it("a ticket's team is a team id or null, with an optional reason", () => {
    const base = { ticketId: "0196f5a0-0000-7000-8000-000000000001", version: 3 };
    expect(setTicketTeamSchema.parse({ ...base, teamId: null })).toEqual({ ...base, teamId: null, reason: "" });
    expect(setTicketTeamSchema.safeParse({ ...base, teamId: "network" }).success).toBe(false);
    expect(setTicketTeamSchema.safeParse({ ...base, teamId: null, reason: "x".repeat(1001) }).success).toBe(false);
  });

  it("the desk's and board's Team filter keeps my teams, no team and team ids, and drops anything else", () => {
    const id = "0196f5a0-0000-7000-8000-000000000002";
    expect(parseDeskQuery(new URLSearchParams({ team: `mine,none,${id}` })).team).toEqual(["mine", "none", id]);
    expect(parseDeskQuery(new URLSearchParams({ team: "everyone" })).team).toEqual([]);
    expect(parseBoardQuery({ team: ["mine"] }).team).toEqual(["mine"]);
    expect(parseBoardQuery({ team: "x%00" }).team).toEqual([]);
  });

  it("reads a team in a sentence without doubling 'team'", () => {
    expect(teamPhrase("Network")).toBe("Network team");
    expect(teamPhrase("Network team")).toBe("Network team");
    expect(teamPhrase("Teamwork")).toBe("Teamwork team");
  });
});
