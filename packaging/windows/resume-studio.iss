; Inno Setup 6 script: the Windows installer for Résumé Studio.
;
;   python packaging\build.py --out dist
;   iscc /DAppVersion=0.1.0 packaging\windows\resume-studio.iss
;
; It packs dist\resume-studio\ (the PyInstaller one-folder build) into
; dist\resume-studio-<version>-windows-x64-setup.exe. The folder holds two programs
; sharing one runtime: resume-studio-gui.exe (no console window: the Start menu
; shortcut and the file types use it) and resume-studio.exe (the console CLI).
;
; File types: a JSON Resume file is a plain .json and a Markdown résumé a .md, so the
; installer adds Résumé Studio to "Open with" for both (OpenWithProgids) and never
; takes over their default program.
; This file is UTF-8 with a byte-order mark, which Inno Setup 6 needs for "é".

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Résumé Studio"
#define GuiExe "resume-studio-gui.exe"
#define CliExe "resume-studio.exe"
#define ProgId "ResumeStudio.Resume"
#define Root ".."
#define Dist Root + "\..\dist"

[Setup]
AppId={{6B0E3C52-8D4B-4C1E-9C9F-2E5A7F1D4B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Résumé Studio contributors
AppPublisherURL=https://github.com/resume-studio/resume-studio
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install without admin rights by default; the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Dist}
OutputBaseFilename=resume-studio-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\..\build\icons\resume-studio.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "openwith"; Description: "Offer {#AppName} in ""Open with"" for .json and .md files"; GroupDescription: "File types:"

[Files]
Source: "{#Dist}\resume-studio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Comment: "Edit your résumé and export ATS-safe DOCX, PDF, text and Markdown"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; The document type the "Open with" entries point to.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "JSON Resume document"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"",0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
; "resume-studio" in the Run dialog and Start search finds the CLI.
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\App Paths\{#CliExe}"; ValueType: string; ValueName: ""; ValueData: "{app}\{#CliExe}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
