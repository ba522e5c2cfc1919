; Inno Setup 6 script: installs the PyInstaller one-folder build per machine.
;
;   1. Build the bundle on Windows:   pyinstaller --noconfirm packaging\oro-desktop.spec
;   2. Compile this script:           iscc packaging\oro-desktop.iss
;      (version from the command line: iscc /DAppVersion=0.1.0 packaging\oro-desktop.iss)
;   3. Software distribution installs silently:
;         SamverkanVidOro-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;      and uninstalls silently with "{app}\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES.
;
; User data are never touched: the encrypted store lives in each user's data folder
; (%LOCALAPPDATA%\oro_desktop) or a folder the unit chose, never under {app}. This script
; only installs files into {app} and removes exactly those on uninstall; there is no
; [InstallDelete] or [UninstallDelete] section, and it must not get one that names a
; data folder (tests/packaging/test_installer_definition.py holds that).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Samverkan vid oro"
#define AppExe "oro-desktop.exe"
#define BundleDir "..\dist\oro-desktop"

[Setup]
; A fixed AppId makes a new version an upgrade of the old one (same folder, same entry).
AppId={{6F3E2A51-9C4B-4D7E-8A10-2B5C7D9E0F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=oro_desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine: installed once by IT for every user of the workstation.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=SamverkanVidOro-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
; An upgrade closes a running copy first (its files are in use) and does not restart it.
CloseApplications=yes
RestartApplications=no

[Languages]
; Swedish.isl ships with Inno Setup 6.3 and later.
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"

[Files]
; The whole one-folder bundle; replaced as a unit on upgrade.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Samverkan, samtycken och kontakter vid oro för barn"
Name: "{autoprograms}\{#AppName} (demo med fiktiva uppgifter)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"

[Run]
Filename: "{app}\{#AppExe}"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent
