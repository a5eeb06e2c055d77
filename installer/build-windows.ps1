<#
.SYNOPSIS
    Builds Beoordelaar for Windows: the frozen app (PyInstaller, one folder), its smoke test, and the installer
    (Inno Setup: per user or for all users), signed when a certificate is configured. See installer\README.md.

.DESCRIPTION
    1. a FRESH virtual environment in $BuildDir\venv with a NON-editable install of the project and PyInstaller
       (the build must see the wheel's layout: beoordelaar\resources and beoordelaar\db inside the package);
    2. pyinstaller installer\beoordelaar.spec -> $BuildDir\dist\Beoordelaar\ (Beoordelaar.exe, beoordelaar-cli.exe);
    3. when a certificate is configured: signtool signs Beoordelaar.exe and beoordelaar-cli.exe;
    4. installer\smoke_test.py on that folder (headless, QT_QPA_PLATFORM=offscreen);
    5. ISCC installer\beoordelaar.iss /DAppVersion=<beoordelaar.__version__>
       -> $BuildDir\dist\Beoordelaar-<version>-setup.exe (signed, with its uninstaller, when a certificate is set).
    Prints the time taken and the sizes. Stops at the first failing step with a non-zero exit code.

    Signing: a certificate in a .pfx file (-SignPfx, or $env:BEOORDELAAR_SIGN_PFX, with its password in
    $env:BEOORDELAAR_SIGN_PASSWORD) or in the certificate store by thumbprint (-SignThumbprint, or
    $env:BEOORDELAAR_SIGN_THUMBPRINT; also for a token or a cloud HSM whose CSP puts it there). Without either the
    build is unsigned and says so. signtool.exe comes with the Windows SDK (found in Windows Kits\10\bin).

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1

.EXAMPLE
    .\installer\build-windows.ps1 -Python "C:\Python312\python.exe" -BuildDir D:\bouw -SkipInstaller
#>
[CmdletBinding()]
param(
    # The Python (3.11 or newer) that makes the build environment. Default: the py launcher's newest Python.
    [string]$Python = "py",
    # Work folder, outside the repository: venv\, work\, dist\.
    [string]$BuildDir = (Join-Path $env:TEMP "beoordelaar-freeze"),
    # ISCC.exe of Inno Setup 6.3 or newer; found on PATH or in the usual install folders when not given.
    [string]$Iscc = "",
    [switch]$SkipSmokeTest,
    [switch]$SkipInstaller,
    # Code signing (see above); the time-stamp server keeps signatures valid after the certificate expires.
    [string]$SignPfx = $env:BEOORDELAAR_SIGN_PFX,
    [string]$SignThumbprint = $env:BEOORDELAAR_SIGN_THUMBPRINT,
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"
$started = Get-Date
$repo = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path

function Invoke-Step {
    # Run a program; stop the build when it fails (a native exit code does not stop PowerShell by itself).
    param([string]$What, [string]$Program, [string[]]$Arguments)
    Write-Host "== $What"
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) {
        $shown = $Arguments -join ' '
        if ($env:BEOORDELAAR_SIGN_PASSWORD) { $shown = $shown.Replace($env:BEOORDELAAR_SIGN_PASSWORD, "***") }
        throw "$What failed (exit code $LASTEXITCODE): $Program $shown"
    }
}

function Get-FolderSize {
    param([string]$Path)
    $bytes = (Get-ChildItem -LiteralPath $Path -Recurse -File | Measure-Object -Property Length -Sum).Sum
    return "{0:N0} MB" -f ($bytes / 1MB)
}

function Find-Iscc {
    if ($Iscc) {
        if (-not (Test-Path -LiteralPath $Iscc)) { throw "ISCC not found at $Iscc" }
        return $Iscc
    }
    $onPath = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $candidates = @(
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe")
    )
    if (${env:ProgramFiles(x86)}) { $candidates += (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe") }
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate) { return $candidate }
    }
    throw "ISCC.exe (Inno Setup 6.3 or newer) not found. Install it (winget install JRSoftware.InnoSetup) or pass -Iscc PATH."
}

function Find-SignTool {
    $onPath = Get-Command "signtool.exe" -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} "Windows Kits\10\bin"
    $found = Get-ChildItem -Path $kits -Filter signtool.exe -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -match "\\x64\\" } | Sort-Object FullName -Descending | Select-Object -First 1
    if ($found) { return $found.FullName }
    throw "signtool.exe not found: install the Windows SDK (winget install Microsoft.WindowsSDK.10.0.22621)."
}

function Get-SignArguments {
    # signtool's arguments for the configured certificate (without the file), or $null when none is configured.
    $common = @("sign", "/fd", "sha256", "/tr", $TimestampUrl, "/td", "sha256", "/d", "Beoordelaar")
    if ($SignThumbprint) { return $common + @("/sha1", $SignThumbprint) }
    if ($SignPfx) {
        if (-not (Test-Path -LiteralPath $SignPfx)) { throw "The signing certificate $SignPfx does not exist." }
        $arguments = $common + @("/f", $SignPfx)
        if ($env:BEOORDELAAR_SIGN_PASSWORD) { $arguments += @("/p", $env:BEOORDELAAR_SIGN_PASSWORD) }
        return $arguments
    }
    return $null
}

$fullBuildDir = [System.IO.Path]::GetFullPath($BuildDir)
$repoPrefix = $repo.TrimEnd("\") + "\"
if (($fullBuildDir.TrimEnd("\") + "\").StartsWith($repoPrefix, [System.StringComparison]::OrdinalIgnoreCase)) {
    throw "BuildDir must be outside the repository ($repo)."
}
$venv = Join-Path $fullBuildDir "venv"
$work = Join-Path $fullBuildDir "work"
$dist = Join-Path $fullBuildDir "dist"
$app = Join-Path $dist "Beoordelaar"
$py = Join-Path $venv "Scripts\python.exe"

# The py launcher needs -3 to pick a Python 3; a path to python.exe needs nothing.
$pythonArgs = @()
if ((Split-Path -Leaf $Python) -in @("py", "py.exe")) { $pythonArgs = @("-3") }
Invoke-Step "Python 3.11 or newer?" $Python ($pythonArgs + @("-c", "import sys; print(sys.version); sys.exit(sys.version_info < (3, 11))"))

foreach ($folder in @($venv, $work, $dist)) {
    if (Test-Path -LiteralPath $folder) { Remove-Item -LiteralPath $folder -Recurse -Force }
}
New-Item -ItemType Directory -Force -Path $fullBuildDir | Out-Null

Invoke-Step "fresh build environment in $venv" $Python ($pythonArgs + @("-m", "venv", $venv))
Invoke-Step "pip upgrade" $py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Step "pip install the project (not editable) and PyInstaller" $py @("-m", "pip", "install", "--quiet", $repo, "pyinstaller>=6.22,<7")

$version = (& $py -c "import beoordelaar; print(beoordelaar.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $version) { throw "Could not read beoordelaar.__version__ from the build environment." }
Write-Host "   Beoordelaar $version"

Invoke-Step "pyinstaller installer\beoordelaar.spec" $py @(
    "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", $dist, "--workpath", $work, (Join-Path $repo "installer\beoordelaar.spec")
)
foreach ($exe in @("Beoordelaar.exe", "beoordelaar-cli.exe")) {
    if (-not (Test-Path -LiteralPath (Join-Path $app $exe))) { throw "PyInstaller made no $exe in $app." }
}
$built = Get-Date

$signArguments = Get-SignArguments
$signTool = ""
if ($signArguments) {
    $signTool = Find-SignTool
    foreach ($exe in @("Beoordelaar.exe", "beoordelaar-cli.exe")) {
        $path = Join-Path $app $exe
        Invoke-Step "sign $exe" $signTool ($signArguments + @($path))
        Invoke-Step "verify the signature of $exe" $signTool @("verify", "/pa", $path)
    }
} else {
    Write-Host "== not signed: no certificate configured (-SignPfx / -SignThumbprint, installer\README.md)"
}

if (-not $SkipSmokeTest) {
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        Invoke-Step "smoke test" $py @((Join-Path $repo "installer\smoke_test.py"), $app)
    }
    finally {
        Remove-Item Env:\QT_QPA_PLATFORM -ErrorAction SilentlyContinue
    }
}

$setup = ""
if (-not $SkipInstaller) {
    $isccExe = Find-Iscc
    $numbers = ([regex]::Match($version, "^\d+(\.\d+){0,3}")).Value  # 1.2.0rc1 -> 1.2.0 for VersionInfoVersion
    $isccArguments = @("/Q", "/DAppVersion=$version", "/DAppVersionNumbers=$numbers", "/DDistDir=$app", "/O$dist")
    if ($signArguments) {
        # Inno Setup signs the setup and the uninstaller with this command; $f is the file, $q a quote.
        $command = ($signArguments | ForEach-Object { if ($_ -match "\s") { "`$q$_`$q" } else { $_ } }) -join " "
        $isccArguments += @("/DSign", "/Sbeoordelaar=`$q$signTool`$q $command `$f")
    }
    Invoke-Step "ISCC installer\beoordelaar.iss (version $version)" $isccExe ($isccArguments + @(
        (Join-Path $repo "installer\beoordelaar.iss")
    ))
    $setup = Join-Path $dist "Beoordelaar-$version-setup.exe"
    if (-not (Test-Path -LiteralPath $setup)) { throw "ISCC reported success but $setup is missing." }
    if ($signArguments) { Invoke-Step "verify the signature of the setup" $signTool @("verify", "/pa", $setup) }
}

$finished = Get-Date
Write-Host ""
Write-Host "Frozen app:  $app (Beoordelaar.exe, beoordelaar-cli.exe)"
Write-Host "Size:        $(Get-FolderSize $app)"
if ($setup) { Write-Host ("Installer:   {0} ({1:N0} MB)" -f $setup, ((Get-Item -LiteralPath $setup).Length / 1MB)) }
Write-Host ("Time:        {0:N0} s in all ({1:N0} s to build)" -f ($finished - $started).TotalSeconds, ($built - $started).TotalSeconds)
