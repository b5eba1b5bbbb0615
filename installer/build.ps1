# Build sbdesk for Windows: the one-folder bundle, then (optionally) the installer
# and the portable ZIP. Run from any folder in PowerShell 5.1 or 7:
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1              # dist\sbdesk\
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 -Installer   # + dist\sbdesk-<v>-setup.exe
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 -Portable    # + dist\sbdesk-<v>-portable.zip
#
# Needs: Python 3.11+ (python.org, 64-bit) on PATH or the "py" launcher; for -Installer,
# Inno Setup 6.3+ (ISCC.exe on PATH or in its default folder). Uses .venv\ at the
# repository root, created if missing, with sbdesk installed editable plus the
# "build" extra (pyinstaller). See docs\windows-build.md.
[CmdletBinding()]
param(
    [switch]$Installer,
    [switch]$Portable
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed (exit $LASTEXITCODE)" }
}

$Py = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $Py)) {
    Write-Host "- creating .venv"
    if (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Checked "py" @("-3", "-m", "venv", ".venv")
    } else {
        Invoke-Checked "python" @("-m", "venv", ".venv")
    }
}
& $Py -c "import PyInstaller, sbdesk, PySide6, reportlab, openpyxl" 2>$null
if ($LASTEXITCODE -ne 0) {
    Write-Host "- installing sbdesk with the build extra (pyinstaller)"
    Invoke-Checked $Py @("-m", "pip", "install", "-q", "-e", "$Root[build]")
}

$Version = (& $Py installer\version_info.py).Trim()
$VersionNumeric = (& $Py installer\version_info.py --numeric).Trim()
Write-Host "- building sbdesk $Version"
$Watch = [Diagnostics.Stopwatch]::StartNew()
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "$Root\dist", "--workpath", "$Root\build\pyinstaller", "installer\sbdesk.spec")
$Watch.Stop()

$Bundle = Join-Path $Root "dist\sbdesk"
foreach ($exe in @("sbdesk.exe", "sbdesk-cli.exe")) {
    if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "build failed: $exe missing" }
}
Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $Bundle "portable.txt")

# Smoke test: the console twin prints its version and writes the demo plan.
$Check = Join-Path $env:TEMP ("sbdesk-check-" + [guid]::NewGuid())
New-Item -ItemType Directory $Check | Out-Null
try {
    Invoke-Checked (Join-Path $Bundle "sbdesk-cli.exe") @("--version")
    Invoke-Checked (Join-Path $Bundle "sbdesk-cli.exe") @("demo", (Join-Path $Check "demo.sbplan"))
} finally {
    Remove-Item -Recurse -Force $Check
}

$Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum
Write-Host ("- bundle: {0} - {1:N0} MB, built in {2:N0} s" -f $Bundle, ($Size / 1MB), $Watch.Elapsed.TotalSeconds)

if ($Portable) {
    $Zip = Join-Path $Root "dist\sbdesk-$Version-portable.zip"
    $Stage = Join-Path $env:TEMP ("sbdesk-portable-" + [guid]::NewGuid())
    New-Item -ItemType Directory $Stage | Out-Null
    try {
        Copy-Item -Recurse $Bundle (Join-Path $Stage "sbdesk")
        Set-Content -Encoding UTF8 -Path (Join-Path $Stage "sbdesk\portable.txt") `
            -Value "sbdesk portable: data and settings are kept in the data folder beside this file."
        if (Test-Path $Zip) { Remove-Item -Force $Zip }
        Compress-Archive -Path (Join-Path $Stage "sbdesk") -DestinationPath $Zip
    } finally {
        Remove-Item -Recurse -Force $Stage
    }
    Write-Host "- portable zip: $Zip"
}

if ($Installer) {
    $Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
    if (-not $Iscc) {
        foreach ($dir in @("$env:LOCALAPPDATA\Programs\Inno Setup 6", "${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6")) {
            if (Test-Path "$dir\ISCC.exe") { $Iscc = "$dir\ISCC.exe"; break }
        }
    }
    if (-not $Iscc) { throw "ISCC.exe not found: install Inno Setup 6.3+ (https://jrsoftware.org/isdl.php)" }
    Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DAppVersionNumeric=$VersionNumeric", "installer\sbdesk.iss")
    Write-Host "- installer: $(Join-Path $Root "dist\sbdesk-$Version-setup.exe")"
}
