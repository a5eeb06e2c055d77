; Inno Setup script for Beoordelaar (Inno Setup 6.3 or newer): per user (no administrator rights) by default, or for
; all users of the computer (administrator; Intune, SCCM), chosen in the first dialog or on the command line.
;
; Build it with installer\build-windows.ps1, which freezes the app first and passes the version; or by hand:
;   ISCC /DAppVersion=0.1.0 /DDistDir=C:\path\to\dist\Beoordelaar /OC:\path\to\output installer\beoordelaar.iss
; AppVersion is required (the one place the version lives is src\beoordelaar\__init__.py; do not write it here).
; DistDir is the folder PyInstaller made from installer\beoordelaar.spec (default: dist\Beoordelaar in the repository;
; a relative path is taken from this script's folder). The setup goes to /O, else to dist\ in the repository.
; Signing: with /DSign and a sign tool named "beoordelaar" (ISCC "/Sbeoordelaar=signtool sign ... $f"), the setup and
; its uninstaller are signed; build-windows.ps1 does this when a certificate is configured.
;
; Silent installs (installer\README.md has the whole list and the detection rule):
;   Beoordelaar-X.Y.Z-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS      all users, Program Files
;   Beoordelaar-X.Y.Z-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER   this user, no admin
;   add /LOG="C:\path\setup.log" for a log, /TASKS="desktopicon" for a desktop icon
; Uninstall key (detection): {HKLM or HKCU}\Software\Microsoft\Windows\CurrentVersion\Uninstall\
;   {12A4FA70-5B5E-447A-A8FA-77C1B6EF3627}_is1, value DisplayVersion = the version; QuietUninstallString runs
;   unins000.exe /SILENT; add /VERYSILENT /SUPPRESSMSGBOXES /NORESTART for no window at all.
;
; The work-package file type (.bwp, "Beoordelaar werkpakket") is registered for the installing user (HKCU) or for
; all users (HKLM) under Software\Classes: opening such a file runs "{app}\Beoordelaar.exe" --open "%1"; a
; Beoordelaar already running for that user takes the file over. Uninstalling removes the program folder and those
; registry entries. It leaves the users' data alone: the database, documents, backups and log live in each user's
; %LOCALAPPDATA%\Beoordelaar (a different folder), settings in HKCU\Software\Beoordelaar.
; Keep this file ASCII: older ISCC versions read a script without a byte-order mark in the ANSI code page.

#ifndef AppVersion
  #error AppVersion is not defined. Pass it: ISCC /DAppVersion=X.Y.Z installer\beoordelaar.iss (build-windows.ps1 does).
#endif
#ifndef AppVersionNumbers
  ; VersionInfoVersion takes only numbers (1.2.0, not 1.2.0rc1): build-windows.ps1 passes them.
  #define AppVersionNumbers AppVersion
#endif
#ifndef DistDir
  #define DistDir "..\dist\Beoordelaar"
#endif

#define AppName "Beoordelaar"
#define AppPublisher "Beoordelaar"
#define AppExeName "Beoordelaar.exe"
#define PackageExt ".bwp"
#define PackageProgId "Beoordelaar.Werkpakket"
#define PackageTypeName "Beoordelaar werkpakket"

[Setup]
; AppId identifies the app for upgrades, uninstall and detection: never change it. ({{ is an escaped {.)
AppId={{12A4FA70-5B5E-447A-A8FA-77C1B6EF3627}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppCopyright=EUPL-1.2
; The file properties of the setup.exe (Details tab).
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductVersion={#AppVersionNumbers}
VersionInfoCompany={#AppPublisher}
VersionInfoCopyright=EUPL-1.2
VersionInfoDescription={#AppName} installatie
VersionInfoTextVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
; Per user by default (no UAC prompt, %LOCALAPPDATA%\Programs); the user may choose all users in the first dialog,
; and /ALLUSERS or /CURRENTUSER choose on the command line. {autopf} follows the choice.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
SetupIconFile=..\resources\icons\beoordelaar.ico
; Qt 6 needs Windows 10 1809 (build 17763) or newer; the frozen app is 64-bit.
MinVersion=10.0.17763
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
#ifdef Sign
SignTool=beoordelaar
SignedUninstaller=yes
#endif

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
; HKA is HKCU for a per-user install and HKLM for all users.
; The .bwp extension points to our file type (ProgID); the empty key goes again on uninstall if nothing else uses it.
Root: HKA; Subkey: "Software\Classes\{#PackageExt}"; Flags: uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#PackageExt}"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#PackageExt}\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
; The file type itself: its name, icon and the command that opens a work package.
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{#PackageTypeName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" --open ""%1"""
; "Open with" lists Beoordelaar for .bwp files.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: "{#PackageExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
