import { type JsonObject, objectField, text } from './fields';
import type { TapInitiator } from './tap-event';

/**
 * Reads `initiatedBy` (`{ user, app }`, one of them null). A user needs an id or UPN, an app an
 * app id or service principal id; otherwise the initiator is unknown (some system writes carry
 * neither). Absent fields are left out (never `undefined`), members in a fixed order. Runs once per
 * record a cycle reads, so each field is looked up once and set only when present.
 */
export function readInitiator(initiatedBy: JsonObject | undefined): TapInitiator {
  const user = initiatedBy && objectField(initiatedBy, 'user');
  if (user) {
    const id = text(user, 'id');
    const userPrincipalName = text(user, 'userPrincipalName');
    if (id !== undefined || userPrincipalName !== undefined) {
      const initiator: TapInitiator = { type: 'user' };
      if (id !== undefined) initiator.id = id;
      if (userPrincipalName !== undefined) initiator.userPrincipalName = userPrincipalName;
      const displayName = text(user, 'displayName');
      if (displayName !== undefined) initiator.displayName = displayName;
      const ipAddress = text(user, 'ipAddress');
      if (ipAddress !== undefined) initiator.ipAddress = ipAddress;
      return initiator;
    }
  }
  const app = initiatedBy && objectField(initiatedBy, 'app');
  if (app) {
    const appId = text(app, 'appId');
    const servicePrincipalId = text(app, 'servicePrincipalId');
    if (appId !== undefined || servicePrincipalId !== undefined) {
      const initiator: TapInitiator = { type: 'app' };
      if (appId !== undefined) initiator.appId = appId;
      if (servicePrincipalId !== undefined) initiator.servicePrincipalId = servicePrincipalId;
      const displayName = text(app, 'displayName', 'servicePrincipalName');
      if (displayName !== undefined) initiator.displayName = displayName;
      return initiator;
    }
  }
  return { type: 'unknown' };
}
