import type { ActivityAction, ActivityEntry } from '@atrium/activity';
import type { Accountability } from './accountability';

/** The activity row for something `accountability` did to `collection`/`item`. */
export function activityEntry(
  accountability: Accountability,
  action: ActivityAction,
  collection: string,
  item: string,
): ActivityEntry {
  return {
    action,
    user: accountability.user,
    ip: accountability.ip,
    userAgent: accountability.userAgent,
    origin: accountability.origin,
    collection,
    item,
  };
}
