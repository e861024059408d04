import "server-only";
import type { Operation } from "./operation";
import { getMe } from "./me";
import { downloadAttachmentOp, listAttachmentsOp, stageUploadOp, uploadToTicketOp } from "./attachments";
import { addItemOp, deleteItemOp, fulfilItemOp, listItemsOp, updateItemOp, validateItemsOp } from "./items";
import { listColumnsOp, listNotificationsOp, listProjectsOp, listTagsOp, listUsersOp, markAllReadOp, markNotificationReadOp } from "./directory";
import { acceptTicketOp, assignTicketOp, closeTicketOp, createRelationshipOp, deleteRelationshipOp, listRelationshipsOp, putStatusOp, transferTicketOp } from "./ticket-actions";
import { addReplyOp, createTicketOp, deleteTicketOp, getTicketOp, listRepliesOp, listTickets, transitionTicketOp, updateTicketOp } from "./tickets";

/**
 * Every operation of /api/v1, in the document's order: the OpenAPI document
 * is written from this list and the router (router.ts) serves exactly it.
 */
export const OPERATIONS: readonly Operation[] = [
  getMe,
  listTickets,
  createTicketOp,
  getTicketOp,
  updateTicketOp,
  deleteTicketOp,
  transitionTicketOp,
  putStatusOp,
  assignTicketOp,
  transferTicketOp,
  acceptTicketOp,
  closeTicketOp,
  listRepliesOp,
  addReplyOp,
  listItemsOp,
  addItemOp,
  updateItemOp,
  deleteItemOp,
  validateItemsOp,
  fulfilItemOp,
  listAttachmentsOp,
  uploadToTicketOp,
  stageUploadOp,
  downloadAttachmentOp,
  listRelationshipsOp,
  createRelationshipOp,
  deleteRelationshipOp,
  listProjectsOp,
  listColumnsOp,
  listTagsOp,
  listUsersOp,
  listNotificationsOp,
  markNotificationReadOp,
  markAllReadOp,
];
