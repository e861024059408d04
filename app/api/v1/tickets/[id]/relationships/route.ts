import { routes } from "@/lib/api/v1/operation";
import { createRelationshipOp, listRelationshipsOp } from "@/lib/api/v1/ticket-actions";

export const { GET, POST } = routes(listRelationshipsOp, createRelationshipOp);
