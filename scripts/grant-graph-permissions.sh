#!/usr/bin/env bash
# Grants the tapwatch managed identity the Microsoft Graph application permissions it reads with.
# For deployments made with grantGraphPermissions=false: run it as someone holding Privileged Role
# Administrator (or Global Administrator) in the watched tenant. Idempotent: roles the identity
# already holds are skipped, so it is safe to run again.
#
#   az login --tenant <tenant-id>
#   scripts/grant-graph-permissions.sh "$(azd env get-value MANAGED_IDENTITY_PRINCIPAL_ID)" [--dry-run]
#
# GRAPH_URL overrides https://graph.microsoft.com (national clouds).
set -euo pipefail

# The one list of permissions (infra/modules/graph-permissions.bicep and tapwatch doctor read it too).
# Read with grep rather than jq, which the Azure CLI does not bring along; every name is checked below.
PERMISSIONS_FILE=${PERMISSIONS_FILE:-"$(dirname "$0")/../src/graph/graph-permissions.json"}
GRAPH_APP_ID=00000003-0000-0000-c000-000000000000
GRAPH=${GRAPH_URL:-https://graph.microsoft.com}
GUID='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'

usage() {
  echo "usage: $0 <managed-identity-principal-id> [--dry-run]" >&2
  exit 2
}

principal=""
dry_run=false
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=true ;;
    -h | --help) usage ;;
    *)
      [[ -z "$principal" ]] || usage
      principal=$arg
      ;;
  esac
done
[[ "$principal" =~ $GUID ]] || usage

[[ -r "$PERMISSIONS_FILE" ]] || {
  echo "error: cannot read the permission list $PERMISSIONS_FILE" >&2
  exit 1
}
mapfile -t ROLES < <(grep -o '"name": *"[^"]*"' "$PERMISSIONS_FILE" | sed 's/.*"\([^"]*\)"$/\1/')
[[ ${#ROLES[@]} -gt 0 ]] || {
  echo "error: no permission names in $PERMISSIONS_FILE" >&2
  exit 1
}
# Names go into a JMESPath query: only dotted words (AuditLog.Read.All) are accepted.
for role in "${ROLES[@]}"; do
  [[ "$role" =~ ^[A-Za-z]+(\.[A-Za-z]+)+$ ]] || {
    echo "error: '${role:0:60}' in $PERMISSIONS_FILE is not a permission name" >&2
    exit 1
  }
done

# Values that end up in a request body must be GUIDs, whatever the API returned.
require_guid() {
  [[ "$2" =~ $GUID ]] || {
    echo "error: $1 (got '${2:0:40}')" >&2
    exit 1
  }
}

graph_sp=$(az rest --method get --url "$GRAPH/v1.0/servicePrincipals(appId='$GRAPH_APP_ID')?\$select=id" \
  --query id --output tsv)
require_guid "Microsoft Graph service principal not found in this tenant" "$graph_sp"

# Resolve every role first, so a bad name fails before anything is granted.
declare -A role_ids
for role in "${ROLES[@]}"; do
  role_ids[$role]=$(az rest --method get --url "$GRAPH/v1.0/servicePrincipals/$graph_sp?\$select=appRoles" \
    --query "appRoles[?value=='$role' && contains(allowedMemberTypes, 'Application')].id | [0]" --output tsv)
  require_guid "Microsoft Graph has no application permission named $role" "${role_ids[$role]}"
done

# An identity holds a handful of assignments, well inside one page.
held=$(az rest --method get \
  --url "$GRAPH/v1.0/servicePrincipals/$principal/appRoleAssignments?\$select=appRoleId,resourceId" \
  --query "value[?resourceId=='$graph_sp'].appRoleId" --output tsv)

for role in "${ROLES[@]}"; do
  id=${role_ids[$role]}
  if grep -qix "$id" <<<"$held"; then
    echo "already granted: $role"
  elif $dry_run; then
    echo "would grant: $role"
  else
    az rest --method post --url "$GRAPH/v1.0/servicePrincipals/$graph_sp/appRoleAssignedTo" \
      --headers Content-Type=application/json \
      --body "{\"principalId\":\"$principal\",\"resourceId\":\"$graph_sp\",\"appRoleId\":\"$id\"}" \
      --output none
    echo "granted: $role"
  fi
done
