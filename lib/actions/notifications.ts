"use server";

import "server-only";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { markAllRead, markRead } from "@/lib/domain/notifications/inbox";
import { setWatching } from "@/lib/domain/notifications/watchers";
import { saveNotificationPreferences } from "@/lib/domain/notifications/preferences";
import { emptySchema, markReadSchema, notificationPrefsSchema, watchSchema } from "@/lib/validation/notifications";

// Thin wrappers (lib/actions/safe-action.ts). Every domain function here works
// on the actor's own rows only, or loads the ticket through their scope.

export const markNotificationReadAction = defineAction(getActor, markReadSchema, (actor, input) => markRead(actor, input));
export const markAllNotificationsReadAction = defineAction(getActor, emptySchema, (actor) => markAllRead(actor));
export const setWatchingAction = defineAction(getActor, watchSchema, (actor, input) => setWatching(actor, input));
export const saveNotificationPreferencesAction = defineAction(getActor, notificationPrefsSchema, (actor, input) => saveNotificationPreferences(actor, input));
