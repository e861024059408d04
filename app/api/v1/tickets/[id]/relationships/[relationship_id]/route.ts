import { routes } from "@/lib/api/v1/operation";
import { deleteRelationshipOp } from "@/lib/api/v1/ticket-actions";

export const { DELETE } = routes(deleteRelationshipOp);
