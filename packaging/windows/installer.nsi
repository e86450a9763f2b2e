; ScanStation installer for Windows, built with NSIS (Debian's `nsis` runs makensis on Linux).
;   makensis -DVERSION=0.1.0 -DDIST=dist/scanstation -DOUTFILE=ScanStation-0.1.0-setup.exe \
;            packaging/windows/installer.nsi        (add -DFAST for an uncompressed test build)
; Installs the PyInstaller folder (scanstation.exe + scanstation-cli.exe + _internal) into
; Program Files, adds Start-menu entries and an uninstaller. An upgrade replaces the program
; files only; the data folder (%LOCALAPPDATA%\ScanStation: database, packages, logs,
; settings) is never touched by the installer or the uninstaller, so every package survives.
; Silent use: setup.exe /S [/D=C:\path]; uninstall.exe /S.
; A 64-bit installer (the program is 64-bit only; Wine without wine32 runs it too).
Target amd64-unicode
!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef DIST
  !error "pass -DDIST=<the PyInstaller folder dist/scanstation>"
!endif
!ifndef OUTFILE
  !define OUTFILE "ScanStation-${VERSION}-setup.exe"
!endif
!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!define APP "ScanStation"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!include "MUI2.nsh"
!include "x64.nsh"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APP} ${VERSION}"

!define MUI_ICON "${NSISDIR}\Contrib\Graphics\Icons\modern-install.ico"
!define MUI_UNICON "${NSISDIR}\Contrib\Graphics\Icons\modern-uninstall.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\scanstation.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"

LangString KeepData ${LANG_RUSSIAN} "Данные станции (пакеты, база, журналы) сохранены в папке %LOCALAPPDATA%\${APP}."
LangString KeepData ${LANG_ENGLISH} "The station's data (packages, database, logs) is kept in %LOCALAPPDATA%\${APP}."
LangString SelfCheck ${LANG_RUSSIAN} "Проверка установки"
LangString SelfCheck ${LANG_ENGLISH} "Installation check"
LangString Remove ${LANG_RUSSIAN} "Удалить ${APP}"
LangString Remove ${LANG_ENGLISH} "Uninstall ${APP}"

Function .onInit
  SetRegView 64
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP}: 64-bit Windows 10 or newer is needed." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "Install"
  SetShellVarContext all
  ; An upgrade: the previous program files go first (a file the new version no longer has
  ; must not linger in _internal); the data folder lives elsewhere and is not touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\scanstation.exe"
  Delete "$INSTDIR\scanstation-cli.exe"
  SetOutPath "$INSTDIR"
  File /r "${DIST}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\scanstation.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\$(SelfCheck).lnk" "$SYSDIR\cmd.exe" \
    '/k ""$INSTDIR\scanstation-cli.exe" --self-check"'
  CreateShortcut "$SMPROGRAMS\${APP}\$(Remove).lnk" "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  DetailPrint "$(KeepData)"
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  ; Program files and menu entries only: the data folder stays (packages not yet
  ; uploaded must survive a reinstall).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\scanstation.exe"
  Delete "$INSTDIR\scanstation-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP}"
  DeleteRegKey HKLM "${UNINST_KEY}"
  DetailPrint "$(KeepData)"
SectionEnd
