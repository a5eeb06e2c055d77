; Inno Setup script for Beoordelaar (Inno Setup 6.3 or newer): a per-user installer, no administrator rights needed.
;
; Build it with installer\build-windows.ps1, which freezes the app first and passes the version; or by hand:
;   ISCC /DAppVersion=0.1.0 /DDistDir=C:\path\to\dist\Beoordelaar /OC:\path\to\output installer\beoordelaar.iss
; AppVersion is required (the one place the version lives is src\beoordelaar\__init__.py; do not write it here).
; DistDir is the folder PyInstaller made from installer\beoordelaar.spec (default: dist\Beoordelaar in the repository;
; a relative path is taken from this script's folder). The setup goes to /O, else to dist\ in the repository.
;
; Installs to %LOCALAPPDATA%\Programs\Beoordelaar, adds a Start-menu entry, and registers the work-package file type
; (.bwp, "Beoordelaar werkpakket") for the current user under HKCU\Software\Classes: opening such a file runs
;   "{app}\Beoordelaar.exe" --open "%1"
; Uninstalling removes the program folder and those registry entries. It leaves the user's data alone: the database,
; documents and backups live in %LOCALAPPDATA%\Beoordelaar (a different folder), settings in HKCU\Software\Beoordelaar.
; Keep this file ASCII: older ISCC versions read a script without a byte-order mark in the ANSI code page.

#ifndef AppVersion
  #error AppVersion is not defined. Pass it: ISCC /DAppVersion=X.Y.Z installer\beoordelaar.iss (build-windows.ps1 does).
#endif
#ifndef DistDir
  #define DistDir "..\dist\Beoordelaar"
#endif

#define AppName "Beoordelaar"
#define AppExeName "Beoordelaar.exe"
#define PackageExt ".bwp"
#define PackageProgId "Beoordelaar.Werkpakket"
#define PackageTypeName "Beoordelaar werkpakket"

[Setup]
; AppId identifies the app for upgrades and uninstall: never change it. ({{ is an escaped {.)
AppId={{12A4FA70-5B5E-447A-A8FA-77C1B6EF3627}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoDescription={#AppName} installatie
VersionInfoTextVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
; Per user: no UAC prompt, installed in the user's own program folder.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
; The frozen app is 64-bit.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Tell Explorer about the .bwp file type at the end of (un)installation.
ChangesAssociations=yes
; Close a running Beoordelaar before its files are replaced.
CloseApplications=yes
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle: no library of an older version may stay behind in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Inschrijvingen beoordelen in de inkoop jeugdhulp"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; The .bwp extension points to our file type (ProgID); the empty key goes again on uninstall if nothing else uses it.
Root: HKCU; Subkey: "Software\Classes\{#PackageExt}"; Flags: uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#PackageExt}"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#PackageExt}\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
; The file type itself: its name, icon and the command that opens a work package.
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{#PackageTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" --open ""%1"""
; "Open with" lists Beoordelaar for .bwp files.
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: "{#PackageExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
