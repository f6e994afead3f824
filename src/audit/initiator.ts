import { compact, type JsonObject, objectField, text } from './fields';
import type { TapInitiator } from './tap-event';

/**
 * Reads `initiatedBy` (`{ user, app }`, one of them null). A user needs an id or UPN, an app an
 * app id or service principal id; otherwise the initiator is unknown (some system writes carry
 * neither).
 */
export function readInitiator(initiatedBy: JsonObject | undefined): TapInitiator {
  const user = initiatedBy && objectField(initiatedBy, 'user');
  if (user && (text(user, 'id') || text(user, 'userPrincipalName'))) {
    return compact({
      type: 'user',
      id: text(user, 'id'),
      userPrincipalName: text(user, 'userPrincipalName'),
      displayName: text(user, 'displayName'),
      ipAddress: text(user, 'ipAddress'),
    });
  }
  const app = initiatedBy && objectField(initiatedBy, 'app');
  if (app && (text(app, 'appId') || text(app, 'servicePrincipalId'))) {
    return compact({
      type: 'app',
      appId: text(app, 'appId'),
      servicePrincipalId: text(app, 'servicePrincipalId'),
      displayName: text(app, 'displayName', 'servicePrincipalName'),
    });
  }
  return { type: 'unknown' };
}
