<#
.SYNOPSIS
    Builds Beoordelaar for Windows: the frozen app (PyInstaller, one folder), its smoke test, and the per-user
    installer (Inno Setup). See installer\README.md.

.DESCRIPTION
    1. a FRESH virtual environment in $BuildDir\venv with a NON-editable install of the project and PyInstaller
       (the build must see the wheel's layout: beoordelaar\resources and beoordelaar\db inside the package);
    2. pyinstaller installer\beoordelaar.spec -> $BuildDir\dist\Beoordelaar\ (Beoordelaar.exe, beoordelaar-cli.exe);
    3. installer\smoke_test.py on that folder (headless, QT_QPA_PLATFORM=offscreen);
    4. ISCC installer\beoordelaar.iss /DAppVersion=<beoordelaar.__version__>
       -> $BuildDir\dist\Beoordelaar-<version>-setup.exe
    Prints the time taken and the sizes. Stops at the first failing step with a non-zero exit code.

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
    [switch]$SkipInstaller
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
        throw "$What failed (exit code $LASTEXITCODE): $Program $($Arguments -join ' ')"
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
    Invoke-Step "ISCC installer\beoordelaar.iss (version $version)" $isccExe @(
        "/Q", "/DAppVersion=$version", "/DDistDir=$app", "/O$dist", (Join-Path $repo "installer\beoordelaar.iss")
    )
    $setup = Join-Path $dist "Beoordelaar-$version-setup.exe"
    if (-not (Test-Path -LiteralPath $setup)) { throw "ISCC reported success but $setup is missing." }
}

$finished = Get-Date
Write-Host ""
Write-Host "Frozen app:  $app (Beoordelaar.exe, beoordelaar-cli.exe)"
Write-Host "Size:        $(Get-FolderSize $app)"
if ($setup) { Write-Host ("Installer:   {0} ({1:N0} MB)" -f $setup, ((Get-Item -LiteralPath $setup).Length / 1MB)) }
Write-Host ("Time:        {0:N0} s in all ({1:N0} s to build)" -f ($finished - $started).TotalSeconds, ($built - $started).TotalSeconds)
