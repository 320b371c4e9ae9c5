<#
.SYNOPSIS
    Creates or updates the Microsoft Entra app registration for the "PIM for Groups companion"
    browser extension, with Microsoft Graph PowerShell. docs/app-registration.md explains every
    setting.

.DESCRIPTION
    Dry run by default: the script signs in, runs read-only look-ups and prints what it would
    create or change. Add -Apply to make the changes. Running it again is safe: it finds the app
    by display name, keeps SPA redirect URIs that are already registered and skips what exists.

    It creates: a single-tenant app registration (AzureADMyOrg) with the extension's redirect URIs
    under the Single-page application platform, no client secret, no implicit grant; the five
    delegated Microsoft Graph permissions; a service principal; and tenant-wide admin consent for
    those permissions (an oauth2PermissionGrant with consentType AllPrincipals).

    Needs the Microsoft.Graph.Authentication, Microsoft.Graph.Applications and
    Microsoft.Graph.Identity.SignIns modules, and an account that is at least Cloud Application
    Administrator (Application Administrator or Privileged Role Administrator also work).

    Not tested by the project's CI (PowerShell is not available there); the bash + Azure CLI
    script scripts/register-app.sh is the tested one.

.PARAMETER ExtensionId
    Chromium extension id(s); each becomes https://<id>.chromiumapp.org/.
    Default: the development id abjnondncbmdnoijkglepmcgffnjfoek.

.PARAMETER FirefoxRedirect
    Firefox redirect URL(s) from browser.identity.getRedirectURL(),
    https://<40 hex digits>.extensions.allizom.org/

.PARAMETER Name
    Display name of the app registration. Default: PIM for Groups companion.

.PARAMETER Environment
    Microsoft Graph PowerShell environment: Global, USGov, USGovDoD or China.

.PARAMETER Apply
    Make the changes. Without it, nothing is created or changed.

.EXAMPLE
    ./scripts/register-app.ps1
    ./scripts/register-app.ps1 -ExtensionId abjnondncbmdnoijkglepmcgffnjfoek, <store id> -Apply
#>
[CmdletBinding()]
param(
    [string[]] $ExtensionId = @('abjnondncbmdnoijkglepmcgffnjfoek'),
    [string[]] $FirefoxRedirect = @(),
    [string] $Name = 'PIM for Groups companion',
    [ValidateSet('Global', 'USGov', 'USGovDoD', 'China')]
    [string] $Environment = 'Global',
    [switch] $Apply
)

$ErrorActionPreference = 'Stop'

$GraphAppId = '00000003-0000-0000-c000-000000000000'

# Same names and order as ALL_SCOPES in src/auth/scopes.ts. Ids from the Microsoft Graph
# permissions reference; the script uses the ids the tenant's Microsoft Graph service principal
# publishes, and warns if they differ.
$Scopes = [ordered]@{
    'User.Read'                                           = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d'
    'PrivilegedEligibilitySchedule.Read.AzureADGroup'     = '8f44f93d-ecef-46ae-a9bf-338508d44d6b'
    'PrivilegedAssignmentSchedule.Read.AzureADGroup'      = '02a32cc4-7ab5-4b58-879a-0586e0f7c495'
    'RoleManagementPolicy.Read.AzureADGroup'              = '7e26fdff-9cb1-4e56-bede-211fe0e420e8'
    'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup' = '06dbc45d-6708-4ef0-a797-f797ee68bf4b'
}

function Write-Step([string] $Text) { Write-Host "`n==> $Text" }

# Runs a change only with -Apply; always prints it first.
function Invoke-Change([string] $Description, [scriptblock] $Action) {
    if ($Apply) {
        Write-Host "  $Description"
        return & $Action
    }
    Write-Host "  [dry run, not executed] $Description"
    return $null
}

# --- arguments --------------------------------------------------------------------------------

if ($Name -match "['\\]") { throw 'Name must not contain a quote or backslash.' }
$RedirectUris = @()
foreach ($id in $ExtensionId) {
    if ($id -cnotmatch '^[a-p]{32}$') { throw "Not a Chromium extension id (32 letters a-p): $id" }
    $RedirectUris += "https://$id.chromiumapp.org/"
}
foreach ($url in $FirefoxRedirect) {
    if ($url -notmatch '^https://[A-Za-z0-9.-]+/$') { throw "The Firefox redirect URL must look like https://<hash>.extensions.allizom.org/ (with the final slash): $url" }
    if ($url -notmatch '^https://[0-9a-f]{40}\.extensions\.allizom\.org/$') { Write-Warning "$url is not of the usual form https://<40 hex digits>.extensions.allizom.org/" }
    $RedirectUris += $url
}

if ($Apply) { Write-Host 'Mode: APPLY. Changes will be made in the signed-in tenant.' }
else { Write-Host 'Mode: dry run. Read-only look-ups run; nothing is created or changed. Add -Apply to make the changes.' }
Write-Host "App registration name: $Name"
Write-Host "SPA redirect URIs: $($RedirectUris -join ' ')"

# --- sign in ------------------------------------------------------------------------------------

Write-Step 'Sign in to Microsoft Graph'
Connect-MgGraph -Scopes 'Application.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All' -Environment $Environment -NoWelcome
$context = Get-MgContext
$TenantId = $context.TenantId
$PolicyCloud = switch ($Environment) { 'Global' { 'global' } 'China' { 'china' } default { 'usgov' } }
$LoginHost = switch ($PolicyCloud) { 'global' { 'https://login.microsoftonline.com' } 'usgov' { 'https://login.microsoftonline.us' } 'china' { 'https://login.chinacloudapi.cn' } }
Write-Host "  tenant $TenantId, environment $Environment ($PolicyCloud)"

# --- permission ids -----------------------------------------------------------------------------

Write-Step 'Delegated permission ids from the Microsoft Graph service principal in this tenant'
$graphSp = Get-MgServicePrincipal -Filter "appId eq '$GraphAppId'" -Property Id, AppId, Oauth2PermissionScopes
if (-not $graphSp) { throw 'The Microsoft Graph service principal was not found in this tenant.' }
$resourceAccess = @()
foreach ($scopeName in $Scopes.Keys) {
    $published = $graphSp.Oauth2PermissionScopes | Where-Object { $_.Value -eq $scopeName } | Select-Object -First 1
    if (-not $published) { throw "Microsoft Graph here does not publish the delegated permission $scopeName (is PIM for Groups available in this cloud?)" }
    if ($published.Id -ne $Scopes[$scopeName]) { Write-Warning "$scopeName has id $($published.Id) here, not the documented $($Scopes[$scopeName]); using $($published.Id)" }
    Write-Host ('  {0,-52} {1}' -f $scopeName, $published.Id)
    $resourceAccess += @{ Id = $published.Id; Type = 'Scope' }
}
$requiredResourceAccess = @(@{ ResourceAppId = $GraphAppId; ResourceAccess = $resourceAccess })

# --- 1-3. the application -----------------------------------------------------------------------

Write-Step "1. App registration '$Name' (single tenant, SPA redirect URIs, delegated permissions)"
$apps = @(Get-MgApplication -Filter "displayName eq '$Name'" -All)
if ($apps.Count -gt 1) { throw "$($apps.Count) app registrations are named '$Name'; delete the extras or choose another -Name." }
$app = $apps | Select-Object -First 1

if (-not $app) {
    $app = Invoke-Change "New-MgApplication -DisplayName '$Name' -SignInAudience AzureADMyOrg -Spa @{ RedirectUris = $($RedirectUris -join ', ') } -RequiredResourceAccess <Microsoft Graph: 5 delegated scopes>" {
        New-MgApplication -DisplayName $Name -SignInAudience 'AzureADMyOrg' `
            -Spa @{ RedirectUris = $RedirectUris } `
            -RequiredResourceAccess $requiredResourceAccess
    }
    if ($app) { Write-Host "  created: client id $($app.AppId), object id $($app.Id)" }
    Write-Host '  implicit grant: off by default for a new registration'
}
else {
    Write-Host "  exists: client id $($app.AppId), object id $($app.Id)"
    $spaUris = @($app.Spa.RedirectUris) + $RedirectUris | Where-Object { $_ } | Select-Object -Unique
    $elsewhere = @($app.Web.RedirectUris) + @($app.PublicClient.RedirectUris)
    foreach ($uri in $RedirectUris) {
        if ($elsewhere -contains $uri) { Write-Warning "$uri is also registered under Web or Mobile and desktop; remove it there (it causes AADSTS9002326)." }
    }
    Invoke-Change "Update-MgApplication -ApplicationId $($app.Id) -SignInAudience AzureADMyOrg -Spa @{ RedirectUris = $($spaUris -join ', ') } -RequiredResourceAccess <Microsoft Graph: exactly the 5 delegated scopes>" {
        Update-MgApplication -ApplicationId $app.Id -SignInAudience 'AzureADMyOrg' `
            -Spa @{ RedirectUris = @($spaUris) } `
            -RequiredResourceAccess $requiredResourceAccess
    } | Out-Null
    $implicit = $app.Web.ImplicitGrantSettings
    if ($implicit -and ($implicit.EnableAccessTokenIssuance -or $implicit.EnableIdTokenIssuance)) {
        Invoke-Change "Update-MgApplication -ApplicationId $($app.Id) -Web @{ ImplicitGrantSettings = @{ EnableAccessTokenIssuance = `$false; EnableIdTokenIssuance = `$false } }" {
            # The Web object is replaced as a whole: keep its other settings.
            Update-MgApplication -ApplicationId $app.Id -Web @{
                RedirectUris          = @($app.Web.RedirectUris)
                HomePageUrl           = $app.Web.HomePageUrl
                LogoutUrl             = $app.Web.LogoutUrl
                ImplicitGrantSettings = @{ EnableAccessTokenIssuance = $false; EnableIdTokenIssuance = $false }
            }
        } | Out-Null
    }
    else { Write-Host '  implicit grant: already off' }
}
$AppId = if ($app) { $app.AppId } else { '<application (client) id>' }

# --- 4. service principal -----------------------------------------------------------------------

Write-Step '4. Service principal (enterprise application) in this tenant'
$sp = if ($app) { Get-MgServicePrincipal -Filter "appId eq '$AppId'" } else { $null }
if ($sp) { Write-Host "  exists: $($sp.Id)" }
else {
    $sp = Invoke-Change "New-MgServicePrincipal -AppId $AppId" { New-MgServicePrincipal -AppId $AppId }
    if ($sp) { Write-Host "  created: $($sp.Id)" }
}

# --- 5. admin consent ---------------------------------------------------------------------------

Write-Step '5. Admin consent for all users (the PIM for Groups permissions require it)'
$scopeString = $Scopes.Keys -join ' '
$grant = if ($sp) {
    Get-MgOauth2PermissionGrant -Filter "clientId eq '$($sp.Id)' and consentType eq 'AllPrincipals' and resourceId eq '$($graphSp.Id)'" | Select-Object -First 1
}
if ($grant) {
    $have = @($grant.Scope -split ' ' | Where-Object { $_ })
    $missing = @($Scopes.Keys | Where-Object { $have -notcontains $_ })
    if ($missing.Count -eq 0) { Write-Host "  already granted: $($grant.Scope)" }
    else {
        $merged = (@($have) + $missing) -join ' '
        Invoke-Change "Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $($grant.Id) -Scope '$merged'" {
            Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $grant.Id -BodyParameter @{ Scope = $merged }
        } | Out-Null
    }
}
else {
    $clientId = if ($sp) { $sp.Id } else { '<service principal object id>' }
    Invoke-Change "New-MgOauth2PermissionGrant -ClientId $clientId -ConsentType AllPrincipals -ResourceId $($graphSp.Id) -Scope '$scopeString'" {
        New-MgOauth2PermissionGrant -BodyParameter @{
            ClientId    = $sp.Id
            ConsentType = 'AllPrincipals'
            ResourceId  = $graphSp.Id
            Scope       = $scopeString
        }
    } | Out-Null
}

# --- summary ------------------------------------------------------------------------------------

Write-Step 'Values for users (options page) or for the browser policy'
Write-Host "  Tenant:                  $TenantId"
Write-Host "  Application (client) ID: $AppId"
Write-Host "  Cloud:                   $PolicyCloud"
Write-Host ''
Write-Host '  Edge/Chrome policy value for 3rdparty.extensions.<extension id>:'
Write-Host ('  {{"tenant": "{0}", "clientId": "{1}", "cloud": "{2}"}}' -f $TenantId, $AppId, $PolicyCloud)
Write-Host ''
Write-Host "  To review or repeat the admin consent in a browser:"
Write-Host "  $LoginHost/$TenantId/adminconsent?client_id=$AppId"
if ($Apply) { Write-Host "`nDone." }
else { Write-Host "`nDry run: nothing was created or changed. Re-run with -Apply to make these changes." }
