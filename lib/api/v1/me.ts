import "server-only";
import { apiJson, defineOperation } from "./operation";
import { errorResponses } from "./responses";
import { meSchema } from "./schemas";

export const getMe = defineOperation(
  {
    method: "GET",
    path: "/me",
    operationId: "getMe",
    summary: "Who the token acts as",
    description: "The token's user with their live role, permissions and project memberships, and the token's scope.",
    tag: "Account",
    access: "read",
    responses: { 200: { description: "The caller", schema: meSchema }, ...errorResponses(401) },
  },
  async ({ actor }) =>
    apiJson(200, {
      id: actor.id,
      name: actor.name,
      email: actor.email,
      role: actor.roleName,
      organization_id: actor.organizationId,
      permissions: [...actor.permissions].sort(),
      project_ids: [...actor.projectIds],
      token: { id: actor.apiToken!.id, scope: actor.apiToken!.scope },
    }),
);
