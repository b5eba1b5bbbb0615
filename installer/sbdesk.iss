; Inno Setup script for sbdesk — a per-user installer that needs no admin rights.
;
; Build the bundle first (installer\build.ps1 does both steps), then:
;   ISCC.exe /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 installer\sbdesk.iss
; Output: dist\sbdesk-<version>-setup.exe
;
; Needs Inno Setup 6.3 or later (x64compatible, UTF-8 script). This file is UTF-8 with a BOM.
;
; What it does
;   - installs dist\sbdesk\ into %LOCALAPPDATA%\Programs\sbdesk (no UAC prompt)
;   - Start-menu entries: sbdesk, sbdesk 예시 계획, uninstaller; optional desktop icon
;   - associates *.sbplan with sbdesk.exe under HKCU\Software\Classes (task, on by default)
;   - on uninstall keeps the user's data (%LOCALAPPDATA%\sbdesk: demo plan, backups,
;     settings) unless the user answers 예 to the question, or a silent uninstall is
;     run with /DELETEUSERDATA=1. Plan files saved elsewhere are never touched.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z installer\sbdesk.iss (installer\build.ps1 does this)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\sbdesk"
#endif
#define AppName "sbdesk"
#define AppExe "sbdesk.exe"
#define ProgId "sbdesk.plan"

[Setup]
; AppId identifies the product for upgrades and the uninstaller: never change it.
AppId={{6B1F4C2E-3D8A-4E57-9B0C-5A7E2F1D8C43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=sbdesk
AppComments=지역사회보장계획 시행계획·시행결과 작성 도구
VersionInfoVersion={#AppVersionNumeric}
VersionInfoDescription=sbdesk 설치 프로그램
; Per user, never elevated: %LOCALAPPDATA%\Programs\sbdesk, HKCU, the user's Start menu.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
OutputDir=..\dist
OutputBaseFilename=sbdesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\sbdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
korean.AssocTask=.sbplan 계획 파일을 sbdesk로 열기
korean.AssocGroup=파일 연결:
korean.PlanFileType=사회보장계획 파일 (sbdesk)
korean.DemoShortcut=sbdesk 예시 계획 (광진구 2023)
korean.DeleteUserData=sbdesk 사용자 데이터를 삭제할까요?%n%n%1%n%n예시 계획, 자동 백업, 설정이 들어 있습니다. 다른 폴더에 저장한 계획 파일(*.sbplan)은 지워지지 않습니다.%n%n[아니요]를 누르면 데이터를 남겨 둡니다 (다시 설치하면 그대로 이어 쓸 수 있습니다).
english.AssocTask=Open .sbplan plan files with sbdesk
english.AssocGroup=File association:
english.PlanFileType=Social security plan (sbdesk)
english.DemoShortcut=sbdesk demo plan (Gwangjin 2023)
english.DeleteUserData=Delete sbdesk's user data?%n%n%1%n%nIt holds the demo plan, automatic backups and settings. Plan files (*.sbplan) saved in other folders are not touched.%n%nChoose No to keep the data (a new installation picks it up again).

[Tasks]
Name: "associate"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle. A portable.txt or data\ left in a build folder is never installed.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "portable.txt,\data"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle's libraries whole, so no stale module of an older version survives.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autoprograms}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; File association, per user (HKCU\Software\Classes — no admin rights needed).
Root: HKCU; Subkey: "Software\Classes\.sbplan"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\.sbplan\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PlanFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".sbplan"; ValueData: ""; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the app itself may leave inside its program folder; user data lives elsewhere.
Type: dirifempty; Name: "{app}"

[Code]
// sbdesk keeps user data in platformdirs' user_data_dir, %LOCALAPPDATA%\sbdesk
// (data and settings; see sbdesk/paths.py). It is kept unless the user asks.
function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\sbdesk');
end;

// A [CustomMessages] text with %1 filled in. CustomMessage() returns the raw text
// (only the cm: constant turns %n into line breaks), so do that here too.
function MessageText(const Name, Arg1: String): String;
var
  Text: String;
begin
  Text := FmtMessage(CustomMessage(Name), [Arg1]);
  StringChangeEx(Text, '%n', #13#10, True);
  Result := Text;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Wipe: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := UserDataDir();
  if not DirExists(DataDir) then
    Exit;
  if UninstallSilent() then
    Wipe := ExpandConstant('{param:DELETEUSERDATA|0}') = '1'
  else
    Wipe := MsgBox(MessageText('DeleteUserData', DataDir),
                   mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Wipe then
    DelTree(DataDir, True, True, True);
end;
