; Inno Setup script wrapping the one-folder bundle built by PyInstaller on Windows.
; Build on Windows: see README "Building the Windows installer".
#define AppName "Intake Workstation"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B2B8E0C-3E59-4C0E-9F0B-6A7C1E2D4A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Intake Workstation
DefaultDirName={autopf}\Intake Workstation
DefaultGroupName=Intake Workstation
OutputBaseFilename=IntakeWorkstation-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Files]
Source: "..\..\build\dist\intake-workstation\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Intake Workstation"; Filename: "{app}\intake-workstation.exe"
Name: "{autodesktop}\Intake Workstation"; Filename: "{app}\intake-workstation.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; GroupDescription: "Shortcuts:"

[Code]
function TesseractFound(): Boolean;
begin
  Result := FileExists(ExpandConstant('{commonpf}\Tesseract-OCR\tesseract.exe')) or
            FileExists(ExpandConstant('{commonpf32}\Tesseract-OCR\tesseract.exe'));
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and not TesseractFound() then
    MsgBox('Tesseract OCR was not found. Install Tesseract 5 for Windows (64-bit) with the ' +
           'English and Spanish language data into "C:\Program Files\Tesseract-OCR" before ' +
           'reading faxes. The workstation will remind you at start-up until it is installed.',
           mbInformation, MB_OK);
end;
