#!/usr/bin/env bash
# Creates or updates the Microsoft Entra app registration that the "PIM for Groups companion"
# browser extension signs in with (docs/app-registration.md explains every setting).
#
#   scripts/register-app.sh [--extension-id ID]... [--firefox-redirect URL]... [--name NAME] [--apply]
#
# Dry run by default: every command is printed; read-only look-ups run, nothing is created or
# changed. Add --apply to make the changes. Running it again is safe: it finds the app by its
# display name, keeps redirect URIs that are already registered and skips what already exists.
#
# Needs the Azure CLI (`az login` as at least Cloud Application Administrator; the admin consent
# for delegated Microsoft Graph permissions also works with Application Administrator or
# Privileged Role Administrator). National clouds: run `az cloud set --name AzureUSGovernment`
# or `AzureChinaCloud` first; the Graph endpoint is taken from the active cloud.
#
# No secrets: the extension is a public client (single-page application), so no client secret
# or certificate is created.
set -euo pipefail

readonly DEV_EXTENSION_ID='abjnondncbmdnoijkglepmcgffnjfoek'
readonly DEFAULT_NAME='PIM for Groups companion'
readonly GRAPH_APP_ID='00000003-0000-0000-c000-000000000000'

# The delegated Microsoft Graph permissions (scopes) the extension requests: the same list, in the
# same order, as ALL_SCOPES in src/auth/scopes.ts (scripts/register-app.test.ts checks this).
# Ids from the Microsoft Graph permissions reference; the script re-reads them at run time from
# the tenant's Microsoft Graph service principal and uses those (see resolve_scope_ids).
readonly SCOPE_NAMES=(
  'User.Read'
  'PrivilegedEligibilitySchedule.Read.AzureADGroup'
  'PrivilegedAssignmentSchedule.Read.AzureADGroup'
  'RoleManagementPolicy.Read.AzureADGroup'
  'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'
)
readonly DOCUMENTED_SCOPE_IDS=(
  'e1fe6dd8-ba31-4d61-89e7-88639da4683d'
  '8f44f93d-ecef-46ae-a9bf-338508d44d6b'
  '02a32cc4-7ab5-4b58-879a-0586e0f7c495'
  '7e26fdff-9cb1-4e56-bede-211fe0e420e8'
  '06dbc45d-6708-4ef0-a797-f797ee68bf4b'
)

usage() {
  cat <<'EOF'
Usage: scripts/register-app.sh [options]

Creates or updates the Entra app registration for the PIM for Groups companion extension:
single tenant, Single-page application redirect URIs, the five delegated Microsoft Graph
permissions, a service principal and tenant-wide admin consent. Prints the tenant id and
application (client) id to give to users or to set by policy.

Options:
  --extension-id ID       Chromium extension id (32 letters a-p). Repeat for several ids, e.g. the
                          development id and the store id. Default: abjnondncbmdnoijkglepmcgffnjfoek
  --firefox-redirect URL  Firefox redirect URL from browser.identity.getRedirectURL(),
                          https://<40 hex digits>.extensions.allizom.org/ (repeatable).
  --name NAME             Display name of the app registration. Default: PIM for Groups companion
  --apply                 Make the changes. Without it, the script only prints what it would do.
  --print-scopes          Print the delegated permission names, one a line, and exit.
  -h, --help              Show this help.
EOF
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

warn() {
  printf 'warning: %s\n' "$*" >&2
}

# --- arguments ---------------------------------------------------------------------------------

APPLY=false
NAME="$DEFAULT_NAME"
EXTENSION_IDS=()
FIREFOX_REDIRECTS=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --extension-id)
      [[ $# -ge 2 ]] || die '--extension-id needs a value'
      EXTENSION_IDS+=("$2")
      shift 2
      ;;
    --extension-id=*)
      EXTENSION_IDS+=("${1#*=}")
      shift
      ;;
    --firefox-redirect)
      [[ $# -ge 2 ]] || die '--firefox-redirect needs a value'
      FIREFOX_REDIRECTS+=("$2")
      shift 2
      ;;
    --firefox-redirect=*)
      FIREFOX_REDIRECTS+=("${1#*=}")
      shift
      ;;
    --name)
      [[ $# -ge 2 ]] || die '--name needs a value'
      NAME="$2"
      shift 2
      ;;
    --name=*)
      NAME="${1#*=}"
      shift
      ;;
    --apply)
      APPLY=true
      shift
      ;;
    --print-scopes)
      printf '%s\n' "${SCOPE_NAMES[@]}"
      exit 0
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown argument: $1"
      ;;
  esac
done

[[ ${#EXTENSION_IDS[@]} -gt 0 ]] || EXTENSION_IDS=("$DEV_EXTENSION_ID")

# Names go into OData filters and JMESPath queries between single quotes.
[[ -n "$NAME" && "$NAME" != *"'"* && "$NAME" != *"\\"* ]] || die '--name must be non-empty and contain no quote or backslash'

REDIRECT_URIS=()
for id in "${EXTENSION_IDS[@]}"; do
  [[ "$id" =~ ^[a-p]{32}$ ]] || die "not a Chromium extension id (32 letters a-p): $id"
  REDIRECT_URIS+=("https://${id}.chromiumapp.org/")
done
for url in "${FIREFOX_REDIRECTS[@]}"; do
  [[ "$url" =~ ^https://[A-Za-z0-9.-]+/$ ]] || die "the Firefox redirect URL must look like https://<hash>.extensions.allizom.org/ (with the final slash): $url"
  [[ "$url" =~ ^https://[0-9a-f]{40}\.extensions\.allizom\.org/$ ]] ||
    warn "$url is not of the usual form https://<40 hex digits>.extensions.allizom.org/; check browser.identity.getRedirectURL()"
  REDIRECT_URIS+=("$url")
done

# --- printing and running commands -------------------------------------------------------------

# Commands are printed on fd 3 (the terminal's stdout), so capturing a command's output with $(...)
# does not capture its printed form too.
exec 3>&1

# Shell-quotes one argument only when it needs it, so printed commands stay readable and can be
# pasted into bash.
quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
    printf '%s' "$1"
  elif [[ "$1" == *"'"* && "$1" != *[\$\`\"\\!]* ]]; then
    printf '"%s"' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

print_command() {
  local prefix="$1" arg line=''
  shift
  for arg in "$@"; do
    line+=" $(quote "$arg")"
  done
  printf '  %s$%s\n' "$prefix" "$line" >&3
}

# Read-only look-up: printed and run in both modes. Output without carriage returns (az on Windows).
read_cmd() {
  print_command '' "$@"
  "$@" | tr -d '\r'
}

# Change: printed always, run only with --apply.
write_cmd() {
  if [[ "$APPLY" == true ]]; then
    print_command '' "$@"
    "$@" | tr -d '\r'
  else
    print_command '[dry run, not executed] ' "$@"
  fi
}

step() {
  printf '\n==> %s\n' "$*"
}

json_string_array() {
  local out='' item
  for item in "$@"; do
    out+="${out:+,}\"${item}\""
  done
  printf '[%s]' "$out"
}

# True when the list (one item a line) in $2 contains $1 exactly.
contains_line() {
  grep -Fxq -- "$1" <<<"$2"
}

# --- preflight ---------------------------------------------------------------------------------

if [[ "$APPLY" == true ]]; then
  printf 'Mode: APPLY. Changes will be made in the signed-in tenant.\n'
else
  printf 'Mode: dry run. Read-only look-ups run; nothing is created or changed. Add --apply to make the changes.\n'
fi
printf 'App registration name: %s\n' "$NAME"
printf 'SPA redirect URIs: %s\n' "${REDIRECT_URIS[*]}"

HAVE_AZ=true
if ! command -v az >/dev/null 2>&1; then
  [[ "$APPLY" == false ]] || die 'the Azure CLI (az) is not installed: https://aka.ms/azure-cli'
  warn 'the Azure CLI (az) is not installed; showing the plan with placeholders'
  HAVE_AZ=false
fi

TENANT_ID='<tenant id>'
CLOUD_NAME='AzureCloud'
GRAPH='https://graph.microsoft.com'
step 'Signed-in tenant and cloud'
if [[ "$HAVE_AZ" == true ]]; then
  if TENANT_ID="$(read_cmd az account show --query tenantId -o tsv)" && [[ -n "$TENANT_ID" ]]; then
    CLOUD_NAME="$(read_cmd az cloud show --query name -o tsv)"
    GRAPH="$(read_cmd az cloud show --query endpoints.microsoftGraphResourceId -o tsv)"
    GRAPH="${GRAPH%/}"
  else
    [[ "$APPLY" == false ]] || die 'not signed in: run az login (add --tenant <tenant id> to pick the tenant)'
    warn 'not signed in (az login); showing the plan with placeholders'
    TENANT_ID='<tenant id>'
    HAVE_AZ=false
  fi
fi

case "$CLOUD_NAME" in
  AzureCloud) POLICY_CLOUD='global' LOGIN_HOST='https://login.microsoftonline.com' ;;
  AzureUSGovernment) POLICY_CLOUD='usgov' LOGIN_HOST='https://login.microsoftonline.us' ;;
  AzureChinaCloud) POLICY_CLOUD='china' LOGIN_HOST='https://login.chinacloudapi.cn' ;;
  *) die "the extension does not support the cloud '$CLOUD_NAME' (az cloud set --name AzureCloud | AzureUSGovernment | AzureChinaCloud)" ;;
esac
printf '  tenant %s, cloud %s (%s), Microsoft Graph %s\n' "$TENANT_ID" "$CLOUD_NAME" "$POLICY_CLOUD" "$GRAPH"

# --- permission ids ----------------------------------------------------------------------------

SCOPE_IDS=("${DOCUMENTED_SCOPE_IDS[@]}")
resolve_scope_ids() {
  step 'Delegated permission ids from the Microsoft Graph service principal in this tenant'
  local i published found
  if [[ "$HAVE_AZ" == false ]]; then
    printf '  (not signed in: the documented ids, not checked against the tenant)\n'
    for i in "${!SCOPE_NAMES[@]}"; do
      printf '  %-52s %s\n' "${SCOPE_NAMES[$i]}" "${SCOPE_IDS[$i]}"
    done
    return
  fi
  published="$(read_cmd az ad sp show --id "$GRAPH_APP_ID" --query 'oauth2PermissionScopes[].[value,id]' -o tsv)"
  for i in "${!SCOPE_NAMES[@]}"; do
    found="$(awk -F'\t' -v name="${SCOPE_NAMES[$i]}" '$1 == name { print $2; exit }' <<<"$published")"
    [[ -n "$found" ]] || die "Microsoft Graph in this cloud does not publish the delegated permission ${SCOPE_NAMES[$i]} (is PIM for Groups available here?)"
    if [[ "$found" != "${DOCUMENTED_SCOPE_IDS[$i]}" ]]; then
      warn "${SCOPE_NAMES[$i]} has id $found here, not the documented ${DOCUMENTED_SCOPE_IDS[$i]}; using $found"
    fi
    SCOPE_IDS[i]="$found"
    printf '  %-52s %s\n' "${SCOPE_NAMES[$i]}" "$found"
  done
}
resolve_scope_ids

# --- 1. the application ------------------------------------------------------------------------

APP_ID='<application (client) id>'
APP_OBJECT_ID='<application object id>'
APP_EXISTS=false
step "1. App registration '$NAME' (single tenant)"
if [[ "$HAVE_AZ" == true ]]; then
  found="$(read_cmd az ad app list --filter "displayName eq '$NAME'" --query '[].[appId,id]' -o tsv)"
  count="$(grep -c . <<<"$found" || true)"
  [[ "$count" -le 1 ]] || die "$count app registrations are named '$NAME'; delete the extras or choose another --name"
  if [[ "$count" -eq 1 ]]; then
    APP_EXISTS=true
    IFS=$'\t' read -r APP_ID APP_OBJECT_ID <<<"$found"
    printf '  exists: client id %s, object id %s\n' "$APP_ID" "$APP_OBJECT_ID"
  fi
fi
if [[ "$APP_EXISTS" == false ]]; then
  created="$(write_cmd az ad app create --display-name "$NAME" --sign-in-audience AzureADMyOrg --query '[appId,id]' -o tsv)"
  if [[ "$APPLY" == true ]]; then
    IFS=$'\t' read -r APP_ID APP_OBJECT_ID <<<"$created"
    [[ -n "$APP_ID" && -n "$APP_OBJECT_ID" ]] || die 'az ad app create did not return the new ids'
    printf '  created: client id %s, object id %s\n' "$APP_ID" "$APP_OBJECT_ID"
  fi
fi

# --- 2. SPA redirect URIs and API permissions ----------------------------------------------------

step '2. Single-page application redirect URIs, single-tenant audience and delegated Microsoft Graph permissions'
SPA_URIS=()
if [[ "$APP_EXISTS" == true ]]; then
  existing="$(read_cmd az ad app show --id "$APP_ID" --query 'spa.redirectUris' -o tsv)"
  while IFS= read -r uri; do
    [[ -n "$uri" ]] && SPA_URIS+=("$uri")
  done <<<"$existing"
  elsewhere="$(read_cmd az ad app show --id "$APP_ID" --query '[web.redirectUris, publicClient.redirectUris][]' -o tsv)"
  for uri in "${REDIRECT_URIS[@]}"; do
    if contains_line "$uri" "$elsewhere"; then
      warn "$uri is also registered under the Web or Mobile and desktop platform; remove it there (it causes AADSTS9002326)"
    fi
  done
fi
for uri in "${REDIRECT_URIS[@]}"; do
  if [[ ${#SPA_URIS[@]} -eq 0 ]] || ! contains_line "$uri" "$(printf '%s\n' "${SPA_URIS[@]}")"; then
    SPA_URIS+=("$uri")
  fi
done

RESOURCE_ACCESS=''
for id in "${SCOPE_IDS[@]}"; do
  RESOURCE_ACCESS+="${RESOURCE_ACCESS:+,}{\"id\":\"$id\",\"type\":\"Scope\"}"
done
APP_BODY="{\"signInAudience\":\"AzureADMyOrg\",\"spa\":{\"redirectUris\":$(json_string_array "${SPA_URIS[@]}")},\"requiredResourceAccess\":[{\"resourceAppId\":\"$GRAPH_APP_ID\",\"resourceAccess\":[$RESOURCE_ACCESS]}]}"
printf '  (requiredResourceAccess is set to exactly these five permissions; the registration is for this extension only)\n'
write_cmd az rest --method PATCH --url "$GRAPH/v1.0/applications/$APP_OBJECT_ID" \
  --headers 'Content-Type=application/json' --body "$APP_BODY" >/dev/null

step '3. No implicit grant (access and ID tokens from the authorization endpoint stay off)'
if [[ "$APP_EXISTS" == true ]]; then
  implicit="$(read_cmd az ad app show --id "$APP_ID" --query '[web.implicitGrantSettings.enableAccessTokenIssuance, web.implicitGrantSettings.enableIdTokenIssuance]' -o tsv)"
  if grep -qi true <<<"$implicit"; then
    write_cmd az ad app update --id "$APP_ID" --enable-access-token-issuance false --enable-id-token-issuance false >/dev/null
  else
    printf '  already off\n'
  fi
else
  printf '  off by default for a new registration; nothing to do\n'
fi

# --- 4. service principal ----------------------------------------------------------------------

SP_ID='<service principal object id>'
step '4. Service principal (enterprise application) in this tenant'
sp_found=''
if [[ "$APP_EXISTS" == true ]]; then
  sp_found="$(read_cmd az ad sp list --filter "appId eq '$APP_ID'" --query '[].id' -o tsv)"
fi
if [[ -n "$sp_found" ]]; then
  SP_ID="$sp_found"
  printf '  exists: %s\n' "$SP_ID"
else
  created_sp="$(write_cmd az ad sp create --id "$APP_ID" --query id -o tsv)"
  if [[ "$APPLY" == true ]]; then
    SP_ID="$created_sp"
    [[ -n "$SP_ID" ]] || die 'az ad sp create did not return the service principal id'
    printf '  created: %s\n' "$SP_ID"
  fi
fi

# --- 5. admin consent --------------------------------------------------------------------------

# Tenant-wide admin consent for delegated permissions is an oauth2PermissionGrant with
# consentType AllPrincipals from our service principal to Microsoft Graph's. (The portal button
# "Grant admin consent" and `az ad app permission admin-consent --id <client id>` create the same.)
step '5. Admin consent for all users (the PIM for Groups permissions require it)'
SCOPE_STRING="${SCOPE_NAMES[*]}"
GRAPH_SP_ID='<Microsoft Graph service principal object id>'
grant=''
if [[ "$HAVE_AZ" == true ]]; then
  GRAPH_SP_ID="$(read_cmd az ad sp show --id "$GRAPH_APP_ID" --query id -o tsv)"
  if [[ -n "$sp_found" || "$APPLY" == true ]]; then
    grant="$(read_cmd az rest --method GET \
      --url "$GRAPH/v1.0/oauth2PermissionGrants?\$filter=clientId%20eq%20'$SP_ID'%20and%20consentType%20eq%20'AllPrincipals'%20and%20resourceId%20eq%20'$GRAPH_SP_ID'" \
      --query 'value[].[id,scope]' -o tsv)"
  fi
fi
if [[ -n "$grant" ]]; then
  IFS=$'\t' read -r GRANT_ID GRANT_SCOPE <<<"$(head -n 1 <<<"$grant")"
  merged="$GRANT_SCOPE"
  for scope in "${SCOPE_NAMES[@]}"; do
    [[ " $merged " == *" $scope "* ]] || merged="${merged:+$merged }$scope"
  done
  if [[ "$merged" == "$GRANT_SCOPE" ]]; then
    printf '  already granted: %s\n' "$GRANT_SCOPE"
  else
    write_cmd az rest --method PATCH --url "$GRAPH/v1.0/oauth2PermissionGrants/$GRANT_ID" \
      --headers 'Content-Type=application/json' --body "{\"scope\":\"$merged\"}" >/dev/null
  fi
else
  write_cmd az rest --method POST --url "$GRAPH/v1.0/oauth2PermissionGrants" \
    --headers 'Content-Type=application/json' \
    --body "{\"clientId\":\"$SP_ID\",\"consentType\":\"AllPrincipals\",\"resourceId\":\"$GRAPH_SP_ID\",\"scope\":\"$SCOPE_STRING\"}" >/dev/null
fi

# --- summary -----------------------------------------------------------------------------------

step 'Values for users (options page) or for the browser policy'
printf '  Tenant:                  %s\n' "$TENANT_ID"
printf '  Application (client) ID: %s\n' "$APP_ID"
printf '  Cloud:                   %s\n' "$POLICY_CLOUD"
printf '  Redirect URIs (SPA):     %s\n' "${SPA_URIS[*]}"
printf '\n  Edge/Chrome policy value for 3rdparty.extensions.<extension id>:\n'
printf '  {"tenant": "%s", "clientId": "%s", "cloud": "%s"}\n' "$TENANT_ID" "$APP_ID" "$POLICY_CLOUD"
printf '\n  To review or repeat the admin consent in a browser:\n  %s/%s/adminconsent?client_id=%s\n' \
  "$LOGIN_HOST" "$TENANT_ID" "$APP_ID"
if [[ "$APPLY" == false ]]; then
  printf '\nDry run: nothing was created or changed. Re-run with --apply to make these changes.\n'
else
  printf '\nDone.\n'
fi
