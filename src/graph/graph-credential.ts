/** Scope for application permissions on Microsoft Graph (the app roles granted to the identity). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
