<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>App</name>
    <message>
        <source>ScanStation window</source>
        <translation>окно ScanStation</translation>
    </message>
</context>
<context>
    <name>ArchiveController</name>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>Not done: the package is not ready.</source>
        <translation>Не выполнено: пакет не готов.</translation>
    </message>
    <message>
        <source>Packed and verified: %1 archive(s), %2 pages.</source>
        <translation>Упаковано и проверено: архивов — %1, страниц — %2.</translation>
    </message>
    <message>
        <source>The password was not saved: %1.</source>
        <translation>Пароль не сохранён: %1.</translation>
    </message>
    <message>
        <source>Pack the package first.</source>
        <translation>Сначала упакуйте пакет.</translation>
    </message>
    <message>
        <source>Exported and checked on the drive: %1 archive(s) to %2.</source>
        <translation>Выгружено и проверено на носителе: архивов — %1, в %2.</translation>
    </message>
</context>
<context>
    <name>Completeness</name>
    <message>
        <source>complete</source>
        <translation>полностью загружен</translation>
    </message>
    <message>
        <source>partially loaded</source>
        <translation>частично загружен</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>не загружен</translation>
    </message>
    <message>
        <source>unexpected</source>
        <translation>лишний</translation>
    </message>
    <message>
        <source>not scanned (spoiled or unused)</source>
        <translation>не сканируется (испорчен или не использован)</translation>
    </message>
    <message>
        <source>, duplicates</source>
        <translation>, дубликаты</translation>
    </message>
</context>
<context>
    <name>CompletenessController</name>
    <message>
        <source>Kits complete: %1 of %2</source>
        <translation>Комплектов полных: %1 из %2</translation>
    </message>
    <message>
        <source>Protocol not loaded · kits with all their pages: %1 of %2</source>
        <translation>Протокол не загружен · комплектов со всеми страницами: %1 из %2</translation>
    </message>
    <message>
        <source>Electronic protocol</source>
        <translation>Электронный протокол</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Protocol loaded: %1 kits added, %2 updated</source>
        <translation>Протокол загружен: комплектов добавлено — %1, обновлено — %2</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Сохранить отчёт</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>Отчёт сохранён: %1</translation>
    </message>
</context>
<context>
    <name>CompletenessView</name>
    <message>
        <source>Press «Check» to compare the package with the protocol.</source>
        <translation>Нажмите «Проверить», чтобы сверить пакет с протоколом.</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>Комплект</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>Missing pages</source>
        <translation>Недостающие страницы</translation>
    </message>
    <message>
        <source>Whole event (all packages)</source>
        <translation>Всё мероприятие (все пакеты)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <source>Load protocol…</source>
        <translation>Загрузить протокол…</translation>
    </message>
    <message>
        <source>Export report (xlsx)…</source>
        <translation>Сохранить отчёт (xlsx)…</translation>
    </message>
    <message>
        <source>Kits complete: %1, partial: %2, missing: %3, unexpected: %4. Pages: %5, unread: %6, duplicated numbers: %7.</source>
        <translation>Комплектов полностью загружено: %1, частично: %2, не загружено: %3, лишних: %4. Страниц: %5, не распознано: %6, повторяющихся номеров: %7.</translation>
    </message>
    <message>
        <source>The package is complete.</source>
        <translation>Пакет укомплектован.</translation>
    </message>
    <message>
        <source>Protocol not loaded: kits are counted complete by the profile&apos;s page count (%1 pages), none is extra.</source>
        <translation>Протокол не загружен: комплекты считаются полными по числу страниц профиля (%1 стр.), лишних нет.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Internal program error: %1

Saved pages are kept. Details are in the log (%2); attach it when reporting (diagnostics).</source>
        <translation>Внутренняя ошибка программы: %1

Сохранённые страницы не потеряны. Подробности записаны в журнал (%2); приложите его к обращению в поддержку («Диагностика»).</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>complete</source>
        <translation>полные</translation>
    </message>
    <message>
        <source>partially loaded</source>
        <translation>частично</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>не загружены</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>дубли</translation>
    </message>
    <message>
        <source>Whole event</source>
        <translation>Всё мероприятие</translation>
    </message>
    <message>
        <source>no kits</source>
        <translation>нет комплектов</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <source>Page restored from the trash.</source>
        <translation>Страница восстановлена из корзины.</translation>
    </message>
</context>
<context>
    <name>DuplicatesQueue</name>
    <message>
        <source>Duplicate blank numbers</source>
        <translation>Дубликаты номеров бланков</translation>
    </message>
    <message>
        <source>Delete the repeat</source>
        <translation>Удалить повтор</translation>
    </message>
    <message>
        <source>Different sheets — report to coordinator</source>
        <translation>Разные листы — сообщить координатору</translation>
    </message>
    <message>
        <source>The coordinator answered</source>
        <translation>Координатор ответил</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
    <message>
        <source>reported to the coordinator, awaiting the answer</source>
        <translation>передано координатору, ждёт ответа</translation>
    </message>
    <message>
        <source>same sheet twice</source>
        <translation>один лист дважды</translation>
    </message>
    <message>
        <source>different sheets</source>
        <translation>разные листы</translation>
    </message>
    <message>
        <source>Delete all exact repeats (%1)</source>
        <translation>Удалить все точные повторы (%1)</translation>
    </message>
    <message>
        <source>No open duplicates in this event.</source>
        <translation>Нерешённых дубликатов в мероприятии нет.</translation>
    </message>
    <message>
        <source>%1 of %2: number %3</source>
        <translation>%1 из %2: номер %3</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, стр. %2</translation>
    </message>
    <message>
        <source>(%1 pages carry this number)</source>
        <translation>(этот номер у %1 страниц)</translation>
    </message>
    <message>
        <source>Reported to the coordinator as different sheets; every page is kept until the answer comes.</source>
        <translation>Передано координатору как разные листы; все страницы сохраняются до ответа.</translation>
    </message>
    <message>
        <source>The images match: most likely the same sheet was fed twice.</source>
        <translation>Изображения совпадают: скорее всего, один лист подан дважды.</translation>
    </message>
    <message>
        <source>The images differ: these look like two different sheets. They must not be merged — report them to the coordinator.</source>
        <translation>Изображения различаются: похоже, это два разных листа. Объединять их нельзя — сообщите координатору.</translation>
    </message>
    <message>
        <source>«Delete the repeat» moves %1, page %2 to the trash; %3, page %4 stays.</source>
        <translation>«Удалить повтор» переместит в корзину: %1, стр. %2; останется: %3, стр. %4.</translation>
    </message>
</context>
<context>
    <name>EventDashboard</name>
    <message>
        <source>Open a package to see its event.</source>
        <translation>Откройте пакет, чтобы увидеть его мероприятие.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Event «%1»: %2 rooms.</source>
        <translation>Мероприятие «%1»: аудиторий — %2.</translation>
    </message>
    <message>
        <source>No protocol loaded: «missing» is unknown.</source>
        <translation>Протокол не загружен: недостающие комплекты неизвестны.</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Completeness</source>
        <translation>Комплектность</translation>
    </message>
</context>
<context>
    <name>GateDialog</name>
    <message>
        <source>The package is not ready to upload</source>
        <translation>Пакет не готов к выгрузке</translation>
    </message>
    <message>
        <source>The collector would not accept this package as it is:</source>
        <translation>Коллектор не примет пакет в таком виде:</translation>
    </message>
    <message>
        <source>e.g. the coordinator allowed it by phone</source>
        <translation>например: координатор разрешил по телефону</translation>
    </message>
    <message>
        <source>Reason to go on anyway (written to the audit trail and the archive manifest):</source>
        <translation>Причина продолжить всё равно (попадёт в журнал и в манифест архива):</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>Выгрузить всё равно</translation>
    </message>
    <message>
        <source>Pack anyway</source>
        <translation>Упаковать всё равно</translation>
    </message>
    <message>
        <source>Back to the package</source>
        <translation>Вернуться к пакету</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>New package</source>
        <translation>Новый пакет</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Начать сканирование</translation>
    </message>
    <message>
        <source>Stop scanning</source>
        <translation>Остановить сканирование</translation>
    </message>
    <message>
        <source>Rescan this page (asks for the sheet first)</source>
        <translation>Пересканировать страницу (сначала просит положить лист)</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Дубликаты</translation>
    </message>
    <message>
        <source>Trash: deleted and replaced pages</source>
        <translation>Корзина: удалённые и заменённые страницы</translation>
    </message>
    <message>
        <source>Hide or show deleted pages in the grid</source>
        <translation>Скрыть или показать удалённые страницы</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Tab «Pages»</source>
        <translation>Вкладка «Страницы»</translation>
    </message>
    <message>
        <source>Tab «Completeness»</source>
        <translation>Вкладка «Комплектность»</translation>
    </message>
    <message>
        <source>Tab «Archives and export»</source>
        <translation>Вкладка «Архивы и выгрузка»</translation>
    </message>
    <message>
        <source>Tab «Event overview»</source>
        <translation>Вкладка «Сводка»</translation>
    </message>
    <message>
        <source>Save the number; on a saved one: next problem page</source>
        <translation>Сохранить номер; на сохранённом — следующая проблемная страница</translation>
    </message>
    <message>
        <source>Turn 90°</source>
        <translation>Повернуть на 90°</translation>
    </message>
    <message>
        <source>Turn 180°</source>
        <translation>Повернуть на 180°</translation>
    </message>
    <message>
        <source>Zoom to the number</source>
        <translation>Увеличить номер</translation>
    </message>
    <message>
        <source>Previous problem page</source>
        <translation>Предыдущая проблемная страница</translation>
    </message>
    <message>
        <source>Next problem page</source>
        <translation>Следующая проблемная страница</translation>
    </message>
    <message>
        <source>Delete or restore the page (Delete in the grid)</source>
        <translation>Удалить или восстановить страницу (Delete в сетке)</translation>
    </message>
    <message>
        <source>This list of keys</source>
        <translation>Этот список клавиш</translation>
    </message>
    <message>
        <source>Look for scanners again (no key: rarely needed)</source>
        <translation>Искать сканеры заново (без клавиши: нужно редко)</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Клавиша</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ScanStation — scanning station</source>
        <translation>ScanStation — станция сканирования</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>Комплектность</translation>
    </message>
    <message>
        <source>Archives and export</source>
        <translation>Архивы и выгрузка</translation>
    </message>
    <message>
        <source>Event overview</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Сканирование</translation>
    </message>
    <message>
        <source>New package…</source>
        <translation>Новый пакет…</translation>
    </message>
    <message>
        <source>Duplicates…</source>
        <translation>Дубликаты…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <source>Trash…</source>
        <translation>Корзина…</translation>
    </message>
    <message>
        <source>Hide deleted</source>
        <translation>Скрыть удалённые</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Pages: %1</source>
        <translation>Страниц: %1</translation>
    </message>
    <message>
        <source>Unreadable: %1 %</source>
        <translation>Не распознано: %1 %</translation>
    </message>
    <message>
        <source>More than 10 % of the package&apos;s pages are unreadable (%1 %): rescanning is recommended («рекомендуется пересканировать»).</source>
        <translation>Более 10 % страниц пакета не распознаны (%1 %): рекомендуется пересканировать.</translation>
    </message>
    <message>
        <source>ScanStation</source>
        <translation>ScanStation</translation>
    </message>
</context>
<context>
    <name>NewPackageDialog</name>
    <message>
        <source>New package</source>
        <translation>Новый пакет</translation>
    </message>
    <message>
        <source>e.g. room 101</source>
        <translation>например, аудитория 101</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Мероприятие:</translation>
    </message>
    <message>
        <source>Profile (new event):</source>
        <translation>Профиль (новое мероприятие):</translation>
    </message>
    <message>
        <source>Package (room):</source>
        <translation>Пакет (аудитория):</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <source>Station operator</source>
        <translation>Оператор станции</translation>
    </message>
    <message>
        <source>Your name as the station operator: it goes into the audit trail with every number you type. Never type a participant&apos;s name here.</source>
        <translation>Ваше имя как оператора станции: оно записывается в журнал с каждым введённым номером. Не вводите здесь имя участника.</translation>
    </message>
</context>
<context>
    <name>PackPanel</name>
    <message>
        <source>B</source>
        <translation>Б</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>КБ</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>ГБ</translation>
    </message>
    <message>
        <source>no password</source>
        <translation>без пароля</translation>
    </message>
    <message>
        <source>Protect with a password</source>
        <translation>Защитить паролем</translation>
    </message>
    <message>
        <source>Pack and verify</source>
        <translation>Упаковать и проверить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Архив</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Проверен</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Шифрование</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Выгружен</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <source>Refresh drives</source>
        <translation>Обновить носители</translation>
    </message>
    <message>
        <source>Export to drive</source>
        <translation>Выгрузить на носитель</translation>
    </message>
    <message>
        <source>Archives</source>
        <translation>Архивы</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>устарел</translation>
    </message>
    <message>
        <source>stale: the package changed after packing — pack and verify again before export</source>
        <translation>устарел: пакет изменился после упаковки — упакуйте и проверьте заново перед выгрузкой</translation>
    </message>
    <message>
        <source>Encryption: %1 (changed in «Settings»)</source>
        <translation>Шифрование: %1 (меняется в «Настройках»)</translation>
    </message>
    <message>
        <source>Export to a removable drive</source>
        <translation>Выгрузка на съёмный носитель</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (свободно %2)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Choose the drive or folder to export to.</source>
        <translation>Выберите носитель или папку для выгрузки.</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>Папка выгрузки</translation>
    </message>
</context>
<context>
    <name>PackageTree</name>
    <message>
        <source>Events and packages</source>
        <translation>Мероприятия и пакеты</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>rescanning recommended</source>
        <translation>рекомендуется пересканировать</translation>
    </message>
</context>
<context>
    <name>PageState</name>
    <message>
        <source>read</source>
        <translation>распознана</translation>
    </message>
    <message>
        <source>turned upright</source>
        <translation>повёрнута</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>не распознана</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>дубликат</translation>
    </message>
    <message>
        <source>outside the protocol</source>
        <translation>нет в протоколе</translation>
    </message>
    <message>
        <source>recognising…</source>
        <translation>распознаётся…</translation>
    </message>
    <message>
        <source>in the trash</source>
        <translation>в корзине</translation>
    </message>
    <message>
        <source>duplicate: different sheets, reported to the coordinator</source>
        <translation>дубликат: разные листы, передано координатору</translation>
    </message>
    <message>
        <source>typed by hand</source>
        <translation>введён вручную</translation>
    </message>
</context>
<context>
    <name>PasswordField</name>
    <message>
        <source>show</source>
        <translation>показать</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Ещё раз:</translation>
    </message>
    <message>
        <source>Type the archive password first.</source>
        <translation>Сначала введите пароль архива.</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>Пароли не совпадают: введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>PasswordPolicy</name>
    <message>
        <source>No password</source>
        <translation>Без пароля</translation>
    </message>
    <message>
        <source>AES-256 (recommended)</source>
        <translation>AES-256 (рекомендуется)</translation>
    </message>
    <message>
        <source>ZipCrypto (weak, compatibility only)</source>
        <translation>ZipCrypto (слабое, только для совместимости)</translation>
    </message>
</context>
<context>
    <name>RecoveryJob</name>
    <message>
        <source>Recovery after a crash: package %1 (%2 of %3)…</source>
        <translation>Восстановление после сбоя: пакет %1 (%2 из %3)…</translation>
    </message>
    <message>
        <source>Recovery finished.</source>
        <translation>Восстановление завершено.</translation>
    </message>
    <message>
        <source>Recovery after a crash failed: %1</source>
        <translation>Восстановление после сбоя не удалось: %1</translation>
    </message>
</context>
<context>
    <name>RescanPrompt</name>
    <message>
        <source>Rescan page %1</source>
        <translation>Пересканировать страницу %1</translation>
    </message>
    <message>
        <source>Put the sheet into the scanner and press Enter.
The new scan replaces page %1; the old one goes to the trash and can be restored (Ctrl+T). Esc cancels.</source>
        <translation>Положите лист в сканер и нажмите Enter.
Новый скан заменит страницу %1; старая уйдёт в корзину, её можно восстановить (Ctrl+T). Esc — отмена.</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Сканировать</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>No problem pages left.</source>
        <translation>Проблемных страниц не осталось.</translation>
    </message>
    <message>
        <source>No open duplicates in this event.</source>
        <translation>Нерешённых дубликатов в мероприятии нет.</translation>
    </message>
    <message>
        <source>Exact repeats deleted: %1 group(s).</source>
        <translation>Точные повторы удалены: групп — %1.</translation>
    </message>
    <message>
        <source>Blank number %1: different sheets, reported to the coordinator; every page is kept.</source>
        <translation>Номер бланка %1: разные листы, случай передан координатору; все страницы сохранены.</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>20-digit blank number</source>
        <translation>20-значный номер бланка</translation>
    </message>
    <message>
        <source>Save number</source>
        <translation>Сохранить номер</translation>
    </message>
    <message>
        <source>Turn 90° (F2)</source>
        <translation>Повернуть на 90° (F2)</translation>
    </message>
    <message>
        <source>Turn 180° (F3)</source>
        <translation>Повернуть на 180° (F3)</translation>
    </message>
    <message>
        <source>Delete (F8)</source>
        <translation>Удалить (F8)</translation>
    </message>
    <message>
        <source>Restore (F8)</source>
        <translation>Восстановить (F8)</translation>
    </message>
    <message>
        <source>Rescan this page (F5)</source>
        <translation>Пересканировать страницу (F5)</translation>
    </message>
    <message>
        <source>Zoom to number (F4)</source>
        <translation>К номеру (F4)</translation>
    </message>
    <message>
        <source>Previous problem (F6)</source>
        <translation>Предыдущая проблема (F6)</translation>
    </message>
    <message>
        <source>Next problem (F7)</source>
        <translation>Следующая проблема (F7)</translation>
    </message>
    <message>
        <source>No page selected</source>
        <translation>Страница не выбрана</translation>
    </message>
    <message>
        <source>Page %1: %2</source>
        <translation>Страница %1: %2</translation>
    </message>
    <message>
        <source>Suggested from the printed digits: %1 — check against the page, Enter to accept or correct.</source>
        <translation>Предложено по печатным цифрам: %1 — сверьте со страницей и нажмите Enter или исправьте.</translation>
    </message>
    <message>
        <source>Highlighted digits are uncertain.</source>
        <translation>Выделенные цифры распознаны неуверенно — проверьте их особо.</translation>
    </message>
    <message>
        <source>Not a blank number of this event.</source>
        <translation>Это не номер бланка этого мероприятия.</translation>
    </message>
    <message>
        <source>Page %1 does not exist: a kit has %2 pages.</source>
        <translation>Страницы %1 нет: в комплекте %2 стр.</translation>
    </message>
    <message>
        <source>Kit %1 is not among the protocol&apos;s used kits: the page will be marked «not in the protocol».</source>
        <translation>Комплекта %1 нет среди использованных в протоколе: страница будет отмечена «нет в протоколе».</translation>
    </message>
    <message>
        <source>Kit %1, page %2.</source>
        <translation>Комплект %1, страница %2.</translation>
    </message>
    <message>
        <source>Type the number printed under the barcode, then Enter.</source>
        <translation>Введите номер, напечатанный под штрихкодом, и нажмите Enter.</translation>
    </message>
    <message>
        <source>%1 of 20 digits</source>
        <translation>%1 из 20 цифр</translation>
    </message>
</context>
<context>
    <name>ScanBar</name>
    <message>
        <source>Find scanners</source>
        <translation>Найти сканеры</translation>
    </message>
    <message>
        <source>Start scanning (F9)</source>
        <translation>Начать сканирование (F9)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Scanner:</source>
        <translation>Сканер:</translation>
    </message>
</context>
<context>
    <name>ScanController</name>
    <message>
        <source>Scanning is in progress: stop it or wait for the batch to end, then choose another package.</source>
        <translation>Идёт сканирование: остановите его или дождитесь конца пачки, затем выберите другой пакет.</translation>
    </message>
    <message>
        <source>Pages of this package wait in memory to be written: free some space and press Continue, then choose another package.</source>
        <translation>Страницы этого пакета ждут записи в памяти: освободите место и нажмите «Продолжить», затем выберите другой пакет.</translation>
    </message>
    <message>
        <source>Choose a package and a scanner first.</source>
        <translation>Сначала выберите пакет и сканер.</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Сканирование…</translation>
    </message>
    <message>
        <source>Put the sheet into the scanner…</source>
        <translation>Положите лист в сканер…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Scanned: %1</source>
        <translation>Отсканировано: %1</translation>
    </message>
    <message>
        <source>Stopped: %1 pages safe</source>
        <translation>Остановлено: сохранено страниц — %1</translation>
    </message>
    <message>
        <source>Stopped after %1 pages</source>
        <translation>Остановлено после %1 стр.</translation>
    </message>
    <message>
        <source>Done: %1 pages</source>
        <translation>Готово: %1 стр.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>ScanWorker</name>
    <message>
        <source>The scanner did not open: driver error (%1: %2). Check the connection and press Start again.</source>
        <translation>Сканер не открылся из-за ошибки драйвера (%1: %2). Проверьте подключение и нажмите «Начать» снова.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Оттенки серого</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Цветной</translation>
    </message>
    <message>
        <source>Black and white</source>
        <translation>Чёрно-белый</translation>
    </message>
    <message>
        <source>TIFF (LZW, lossless)</source>
        <translation>TIFF (LZW, без потерь)</translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> МБ</translation>
    </message>
    <message>
        <source>As the system (Russian)</source>
        <translation>Как в системе (русский)</translation>
    </message>
    <message>
        <source>Scanner:</source>
        <translation>Сканер:</translation>
    </message>
    <message>
        <source>Profile for new events:</source>
        <translation>Профиль новых мероприятий:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Разрешение:</translation>
    </message>
    <message>
        <source>Colour mode:</source>
        <translation>Цветность:</translation>
    </message>
    <message>
        <source>Page format:</source>
        <translation>Формат страниц:</translation>
    </message>
    <message>
        <source>Archive size limit:</source>
        <translation>Предельный размер архива:</translation>
    </message>
    <message>
        <source>Archive password:</source>
        <translation>Пароль архивов:</translation>
    </message>
    <message>
        <source>Language (after restart):</source>
        <translation>Язык (после перезапуска):</translation>
    </message>
    <message>
        <source>Packages folder:</source>
        <translation>Папка пакетов:</translation>
    </message>
    <message>
        <source>Archives folder:</source>
        <translation>Папка архивов:</translation>
    </message>
    <message>
        <source>default (in the data folder)</source>
        <translation>по умолчанию (в папке данных)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose folder</source>
        <translation>Выбор папки</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash: deleted and replaced pages</source>
        <translation>Корзина: удалённые и заменённые страницы</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>Restore the chosen page (Enter)</source>
        <translation>Восстановить выбранную страницу (Enter)</translation>
    </message>
    <message>
        <source>replaced by a rescan</source>
        <translation>заменена пересканированием</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалена</translation>
    </message>
    <message>
        <source>Page %1 — %2, %3
%4</source>
        <translation>Страница %1 — %2, %3
%4</translation>
    </message>
    <message>
        <source>number not read</source>
        <translation>номер не распознан</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Корзина пуста.</translation>
    </message>
    <message>
        <source>Pages stay restorable until the package&apos;s archives are exported.</source>
        <translation>Страницы можно восстановить, пока архивы пакета не выгружены.</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Folder not found: {folder}</source>
        <translation>Папка не найдена: {folder}</translation>
    </message>
    <message>
        <source>A subfolder: the collector expects every page of a room in one folder.</source>
        <translation>Вложенная папка: коллектор ждёт все страницы аудитории в одной папке.</translation>
    </message>
    <message>
        <source>The folder holds no pages.</source>
        <translation>В папке нет ни одной страницы.</translation>
    </message>
    <message>
        <source>Cancelled by the operator.</source>
        <translation>Операция отменена оператором.</translation>
    </message>
    <message>
        <source>The target folder is not available: {target_dir}. Insert the drive.</source>
        <translation>Папка назначения недоступна: {target_dir}. Вставьте носитель.</translation>
    </message>
    <message>
        <source>Archive not found: {archive}</source>
        <translation>Архив не найден: {archive}</translation>
    </message>
    <message>
        <source>Not enough space on the drive: {total} bytes needed, {free} free.</source>
        <translation>На носителе недостаточно места: нужно {total} байт, свободно {free}.</translation>
    </message>
    <message>
        <source>Archive {archive_name} is out of date: the package folder changed after packing. Pack the package again.</source>
        <translation>Архив {archive_name} устарел: папка пакета изменилась после упаковки. Упакуйте пакет заново.</translation>
    </message>
    <message>
        <source>The copy of {archive_name} on the drive differs from the original: the drive is faulty or was removed.</source>
        <translation>Копия {archive_name} на носителе не совпадает с оригиналом: носитель неисправен или извлечён.</translation>
    </message>
    <message>
        <source>Archive {archive_name} changed on the station&apos;s disk since packing — pack it again.</source>
        <translation>Архив {archive_name} на диске станции изменился после упаковки — упакуйте заново.</translation>
    </message>
    <message>
        <source>The drive {target_dir} is full: {archive_name} was not copied. Free some space or use another drive.</source>
        <translation>Носитель {target_dir} заполнен: {archive_name} не скопирован. Освободите место или возьмите другой носитель.</translation>
    </message>
    <message>
        <source>The drive {target_dir} was removed or is not writable: {archive_name} was not copied. Insert the drive and try again.</source>
        <translation>Носитель {target_dir} извлечён или недоступен для записи: {archive_name} не скопирован. Вставьте носитель и повторите.</translation>
    </message>
    <message>
        <source>Could not copy {archive_name} to {target_dir}: {exc_strerror}</source>
        <translation>Не удалось скопировать {archive_name} на {target_dir}: {exc_strerror}</translation>
    </message>
    <message>
        <source>{target_name} already exists, fix cancelled.</source>
        <translation>Файл {target_name} уже существует, исправление отменено.</translation>
    </message>
    <message>
        <source>{rel}: cannot read the file to fix it: {exc}</source>
        <translation>{rel}: не удалось прочитать файл для исправления: {exc}</translation>
    </message>
    <message>
        <source>{rel}: the file has no pages.</source>
        <translation>{rel}: в файле нет страниц.</translation>
    </message>
    <message>
        <source>{rel}: {target_name} already exists, fix cancelled.</source>
        <translation>{rel}: файл {target_name} уже существует, исправление отменено.</translation>
    </message>
    <message>
        <source>Unknown fix: {sorted_unknown_list}</source>
        <translation>Неизвестное исправление: {sorted_unknown_list}</translation>
    </message>
    <message>
        <source>Cannot read the file: {exc}</source>
        <translation>Файл не читается: {exc}</translation>
    </message>
    <message>
        <source>Empty file (0 bytes).</source>
        <translation>Пустой файл (0 байт).</translation>
    </message>
    <message>
        <source>An archive ({kind}) inside the folder: archives inside archives are not allowed.</source>
        <translation>Архив ({kind}) внутри папки: архивы внутри архива недопустимы.</translation>
    </message>
    <message>
        <source>Format not allowed ({kind}): the collector takes only JPG and TIFF.</source>
        <translation>Недопустимый формат ({kind}): коллектор принимает только JPG и TIFF.</translation>
    </message>
    <message>
        <source>Extension &apos;{path_suffix}&apos; does not match the content ({kind}).</source>
        <translation>Расширение «{path_suffix}» не соответствует содержимому ({kind}).</translation>
    </message>
    <message>
        <source>The image is damaged or truncated: {exc}</source>
        <translation>Изображение повреждено или обрезано: {exc}</translation>
    </message>
    <message>
        <source>Image too small: {width}×{height} px.</source>
        <translation>Слишком маленькое изображение: {width}×{height} пикс.</translation>
    </message>
    <message>
        <source>{frames} pages in one file: one page per file is required.</source>
        <translation>В одном файле {frames} страниц: нужна одна страница на файл.</translation>
    </message>
    <message>
        <source>TIFF without LZW compression ({compression}).</source>
        <translation>TIFF без сжатия LZW (сжатие: {compression}).</translation>
    </message>
    <message>
        <source>The file does not state its resolution (200 dpi expected).</source>
        <translation>В файле не указано разрешение (ожидается 200 dpi).</translation>
    </message>
    <message>
        <source>Resolution {x}×{y} dpi, {required_dpi} dpi is required.</source>
        <translation>Разрешение {x}×{y} dpi, требуется {required_dpi} dpi.</translation>
    </message>
    <message>
        <source>huge</source>
        <translation>огромный</translation>
    </message>
    <message>
        <source>Absurd image size ({shown} px): the file is not decoded, to protect memory.</source>
        <translation>Недопустимый размер изображения ({shown} пикс.): файл не открывается, чтобы не переполнить память.</translation>
    </message>
    <message>
        <source>Encryption needs a password.</source>
        <translation>Для шифрования нужен пароль.</translation>
    </message>
    <message>
        <source>The archive size must be {min_limit} to {max_zip_bytes} bytes.</source>
        <translation>Размер архива должен быть от {min_limit} до {max_zip_bytes} байт.</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>The folder failed the check ({report_errors_count} errors), no archive made: {listed}</source>
        <translation>Папка не прошла проверку ({report_errors_count} ошибок), архив не создан: {listed}</translation>
    </message>
    <message>
        <source>Reading numbers</source>
        <translation>Распознавание</translation>
    </message>
    <message>
        <source>Archives of this folder already exist: {old_set}. Delete them, choose another folder (--out) or replace them (--replace).</source>
        <translation>Архивы этой папки уже есть: {old_set}. Удалите их, укажите другую папку (--out) или замените их (--replace).</translation>
    </message>
    <message>
        <source>Checksums: {name}</source>
        <translation>Контрольные суммы: {name}</translation>
    </message>
    <message>
        <source>Verifying: {label}</source>
        <translation>Проверка: {label}</translation>
    </message>
    <message>
        <source>the OS password store is not available (no Secret Service/KWallet on this machine) — the password is not kept and will be asked for next time</source>
        <translation>хранилище паролей ОС недоступно (нет Secret Service/KWallet на этой машине) — пароль не сохраняется и будет запрошен в следующий раз</translation>
    </message>
    <message>
        <source>the OS password store is not available</source>
        <translation>хранилище паролей ОС недоступно</translation>
    </message>
    <message>
        <source>the OS password store refused ({exc_type})</source>
        <translation>хранилище паролей ОС отказало ({exc_type})</translation>
    </message>
    <message>
        <source>The end of the archive does not match its directory.</source>
        <translation>Конец архива не совпадает с его оглавлением.</translation>
    </message>
    <message>
        <source>{stray} stray bytes after the end of the archive.</source>
        <translation>После конца архива {stray} лишних байт.</translation>
    </message>
    <message>
        <source>The archive is truncated.</source>
        <translation>Архив обрезан.</translation>
    </message>
    <message>
        <source>{info_filename}: CRC mismatch — the data is damaged.</source>
        <translation>{info_filename}: контрольная сумма CRC не совпадает — данные повреждены.</translation>
    </message>
    <message>
        <source>{name}: entry not where the previous one ends ({info_header_offset}, not {expected}).</source>
        <translation>{name}: запись не там, где кончается предыдущая ({info_header_offset} вместо {expected}).</translation>
    </message>
    <message>
        <source>{name}: the archive is truncated.</source>
        <translation>{name}: архив обрезан.</translation>
    </message>
    <message>
        <source>{name}: the local header does not match the directory.</source>
        <translation>{name}: локальный заголовок не совпадает с оглавлением.</translation>
    </message>
    <message>
        <source>{stray_bytes} stray bytes between the last entry and the directory.</source>
        <translation>Между последней записью и оглавлением {stray_bytes} лишних байт.</translation>
    </message>
    <message>
        <source>kit {kit}</source>
        <translation>комплект {kit}</translation>
    </message>
    <message>
        <source>{what} ({size} bytes) does not fit in an archive of at most {limit} bytes.</source>
        <translation>{what} ({size} байт) не помещается в архив размером до {limit} байт.</translation>
    </message>
    <message>
        <source>extra files: {extra_list}</source>
        <translation>лишние файлы: {extra_list}</translation>
    </message>
    <message>
        <source>missing files: {missing_list}</source>
        <translation>нет файлов: {missing_list}</translation>
    </message>
    <message>
        <source>The folder changed since scanning: {changes_list}</source>
        <translation>Папка изменилась после сканирования: {changes_list}</translation>
    </message>
    <message>
        <source>Archive over the limit: {size} &gt; {limit} bytes.</source>
        <translation>Архив больше допустимого: {size} &gt; {limit} байт.</translation>
    </message>
    <message>
        <source>The archive is damaged: {exc}</source>
        <translation>Архив повреждён: {exc}</translation>
    </message>
    <message>
        <source>Wrong or missing password: {exc}</source>
        <translation>Неверный или не указан пароль: {exc}</translation>
    </message>
    <message>
        <source>{name}: the file is in the archive twice.</source>
        <translation>{name}: файл в архиве дважды.</translation>
    </message>
    <message>
        <source>{info_filename}: name not flagged as UTF-8.</source>
        <translation>{info_filename}: имя не помечено как UTF-8.</translation>
    </message>
    <message>
        <source>{name}: content not allowed ({kind}).</source>
        <translation>{name}: недопустимое содержимое ({kind}).</translation>
    </message>
    <message>
        <source>{name}: page missing from the archive.</source>
        <translation>{name}: страницы нет в архиве.</translation>
    </message>
    <message>
        <source>{name}: unexpected file in the archive.</source>
        <translation>{name}: лишний файл в архиве.</translation>
    </message>
    <message>
        <source>{name}: content differs (sha256).</source>
        <translation>{name}: содержимое не совпадает (sha256).</translation>
    </message>
    <message>
        <source>Archive {archive_name} failed verification: {problems}</source>
        <translation>Проверка архива {archive_name} не пройдена: {problems}</translation>
    </message>
    <message>
        <source>File {shown} changed while being packed.</source>
        <translation>Файл {shown} изменился во время упаковки.</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>использование: </translation>
    </message>
    <message>
        <source>show this help and exit</source>
        <translation>показать эту справку и выйти</translation>
    </message>
    <message>
        <source>ScanStation — answer blank scanning station: scan, read blank numbers, check completeness, pack ZIP archives for the FIS OKO collector. With no command it opens the program window.</source>
        <translation>ScanStation — станция сканирования бланков ответов: сканирование, распознавание номеров бланков, проверка комплектности, упаковка ZIP-архивов для коллектора ФИС ОКО. Без команды открывает окно программы.</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>показать версию и выйти</translation>
    </message>
    <message>
        <source>message language (Russian by default)</source>
        <translation>язык сообщений (по умолчанию русский)</translation>
    </message>
    <message>
        <source>check the installation (database, sample blank, ZIP, scanners, keyring, Qt) and exit; exit code 1 on failure</source>
        <translation>проверить установку (база данных, образец бланка, ZIP, сканеры, хранилище паролей, Qt) и выйти; код 1 при ошибке</translation>
    </message>
    <message>
        <source>with --self-check: print JSON</source>
        <translation>с --self-check: вывод в формате JSON</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>КОМАНДА</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>команды</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>Ошибка: {message}</translation>
    </message>
    <message>
        <source>Interrupted.</source>
        <translation>Прервано.</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>вывод в формате JSON</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>ИМЯ</translation>
    </message>
    <message>
        <source>package (exam room) name</source>
        <translation>имя пакета (аудитории)</translation>
    </message>
    <message>
        <source>event name (default: default)</source>
        <translation>имя мероприятия (по умолчанию default)</translation>
    </message>
    <message>
        <source>{what} even when the package is not ready to upload (needs --reason; the problems and the reason go into the audit trail)</source>
        <translation>{what}, даже если пакет не готов к выгрузке (нужна --reason; замечания и причина попадут в журнал)</translation>
    </message>
    <message>
        <source>REASON</source>
        <translation>ПРИЧИНА</translation>
    </message>
    <message>
        <source>why, despite the problems</source>
        <translation>почему — вопреки замечаниям</translation>
    </message>
    <message>
        <source>--reason only makes sense with --allow-incomplete.</source>
        <translation>--reason имеет смысл только с --allow-incomplete.</translation>
    </message>
    <message>
        <source>--allow-incomplete needs a reason: --reason &apos;…&apos;.</source>
        <translation>--allow-incomplete требует причину: --reason «…».</translation>
    </message>
    <message>
        <source>Going on despite the problems, reason: {override_reason}</source>
        <translation>Продолжаю с замечаниями, причина: {override_reason}</translation>
    </message>
    <message>
        <source> [page {page}]</source>
        <translation> [стр. {page}]</translation>
    </message>
    <message>
        <source>, rotate by {rotation}°</source>
        <translation>, повернуть на {rotation}°</translation>
    </message>
    <message>
        <source>ambiguous — different numbers on the page</source>
        <translation>неоднозначно — на странице разные номера</translation>
    </message>
    <message>
        <source>number not read; suggested from the printed digits: {suggestion}</source>
        <translation>номер не распознан; предложено по печатным цифрам: {suggestion}</translation>
    </message>
    <message>
        <source>number not read</source>
        <translation>номер не распознан</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>ошибка: </translation>
    </message>
    <message>
        <source>check folders by the collector&apos;s rules (format, LZW, 200 dpi, archives inside…)</source>
        <translation>проверить папки по правилам коллектора (формат, LZW, 200 dpi, архивы внутри…)</translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation>ПАПКА</translation>
    </message>
    <message>
        <source>electronic protocol: also check kit completeness</source>
        <translation>электронный протокол: проверить ещё и комплектность</translation>
    </message>
    <message>
        <source>event profile (file or name) for the completeness check</source>
        <translation>профиль мероприятия (файл или имя) для проверки комплектности</translation>
    </message>
    <message>
        <source>The completeness check needs both --protocol and --profile.</source>
        <translation>Для проверки комплектности нужны оба параметра: --protocol и --profile.</translation>
    </message>
    <message>
        <source>Kits in the protocol: {kits_in_protocol} (used {used}, spoiled {spoiled}, unused {unused}, not filled in {not_filled}).</source>
        <translation>В протоколе комплектов: {kits_in_protocol} (использован {used}, испорчен {spoiled}, не использован {unused}, не заполнено {not_filled}).</translation>
    </message>
    <message>
        <source>Kits: complete {complete}, partial {partial}, without a page {missing}, extra {unexpected}.</source>
        <translation>Комплекты: полных {complete}, частично {partial}, нет ни одной страницы {missing}, лишних {unexpected}.</translation>
    </message>
    <message>
        <source>Pages: {pages}, unreadable {unread_pages}, duplicate numbers {duplicate_numbers}.</source>
        <translation>Страниц: {pages}, нераспознано {unread_pages}, дубликатов номеров {duplicate_numbers}.</translation>
    </message>
    <message>
        <source>{report_files_count} files, {errors} errors, {warnings} warnings</source>
        <translation>файлов {report_files_count}, ошибок {errors}, предупреждений {warnings}</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ОШИБКА</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>внимание</translation>
    </message>
    <message>
        <source>scanner drivers, devices found and their capabilities</source>
        <translation>драйверы сканеров, найденные устройства и их возможности</translation>
    </message>
    <message>
        <source>also show this hot folder (may be repeated)</source>
        <translation>показать и эту папку сканов (можно несколько раз)</translation>
    </message>
    <message>
        <source>Driver {driver}:</source>
        <translation>Драйвер {driver}:</translation>
    </message>
    <message>
        <source>no devices</source>
        <translation>устройств нет</translation>
    </message>
    <message>
        <source>resolutions: </source>
        <translation>разрешения: </translation>
    </message>
    <message>
        <source>modes: </source>
        <translation>режимы: </translation>
    </message>
    <message>
        <source>sources: </source>
        <translation>источники: </translation>
    </message>
    <message>
        <source>cannot be opened: </source>
        <translation>не открывается: </translation>
    </message>
    <message>
        <source>write a support bundle: logs, versions, scanners (no personal data)</source>
        <translation>собрать архив для техподдержки: журналы, версии, сканеры (без персональных данных)</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ФАЙЛ</translation>
    </message>
    <message>
        <source>where to write the ZIP (current folder by default)</source>
        <translation>куда записать ZIP (по умолчанию в текущую папку)</translation>
    </message>
    <message>
        <source>Support bundle: {written}</source>
        <translation>Архив для техподдержки: {written}</translation>
    </message>
    <message>
        <source>copy archives to a removable drive, verified by checksum</source>
        <translation>скопировать архивы на съёмный носитель с проверкой контрольных сумм</translation>
    </message>
    <message>
        <source>ARCHIVE</source>
        <translation>АРХИВ</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>ПУТЬ</translation>
    </message>
    <message>
        <source>folder on the drive</source>
        <translation>папка на носителе</translation>
    </message>
    <message>
        <source>list removable drives</source>
        <translation>показать съёмные носители</translation>
    </message>
    <message>
        <source>export</source>
        <translation>выгрузить</translation>
    </message>
    <message>
        <source>No removable drives found.</source>
        <translation>Съёмные носители не найдены.</translation>
    </message>
    <message>
        <source>{drive_mount} ({drive_device}): {drive_free_bytes} bytes free</source>
        <translation>{drive_mount} ({drive_device}): свободно {drive_free_bytes} байт</translation>
    </message>
    <message>
        <source>Give the archives and the target: export ARCHIVE... --to PATH</source>
        <translation>Укажите архивы и папку назначения: export АРХИВ... --to ПУТЬ</translation>
    </message>
    <message>
        <source>{item_target}: copied and verified</source>
        <translation>{item_target}: скопирован и проверен</translation>
    </message>
    <message>
        <source>fix a folder&apos;s files: split multi-page TIFF, LZW, PDF/PNG → TIFF</source>
        <translation>исправить файлы папки: разделить многостраничные TIFF, сжать LZW, PDF/PNG → TIFF</translation>
    </message>
    <message>
        <source>split multi-page TIFF</source>
        <translation>разделить многостраничные TIFF</translation>
    </message>
    <message>
        <source>re-save TIFF with LZW</source>
        <translation>пересохранить TIFF со сжатием LZW</translation>
    </message>
    <message>
        <source>PDF and PNG → LZW TIFF pages</source>
        <translation>PDF и PNG → страницы TIFF LZW</translation>
    </message>
    <message>
        <source>every fix</source>
        <translation>все исправления</translation>
    </message>
    <message>
        <source>only show what would be done</source>
        <translation>только показать, что будет сделано</translation>
    </message>
    <message>
        <source>Choose a fix: --split, --to-lzw, --to-tiff or --all.</source>
        <translation>Выберите исправление: --split, --to-lzw, --to-tiff или --all.</translation>
    </message>
    <message>
        <source>Errors left: {report_errors_count}</source>
        <translation>Осталось ошибок: {report_errors_count}</translation>
    </message>
    <message>
        <source>data and log folders, database revision</source>
        <translation>папки данных, журналов и версия базы</translation>
    </message>
    <message>
        <source>bring pages (TIFF/JPEG/PNG) from a folder or files into a package</source>
        <translation>принять страницы (TIFF/JPEG/PNG) из папки или файлов в пакет</translation>
    </message>
    <message>
        <source>FOLDER_OR_FILE</source>
        <translation>ПАПКА_ИЛИ_ФАЙЛ</translation>
    </message>
    <message>
        <source>folder of pages or page files</source>
        <translation>папка со страницами или файлы страниц</translation>
    </message>
    <message>
        <source>PROFILE</source>
        <translation>ПРОФИЛЬ</translation>
    </message>
    <message>
        <source>event profile (name or .toml file)</source>
        <translation>профиль мероприятия (имя или файл .toml)</translation>
    </message>
    <message>
        <source>package folder (default: in the data folder)</source>
        <translation>папка пакета (по умолчанию в папке данных)</translation>
    </message>
    <message>
        <source>store pages as JPEG instead of LZW TIFF</source>
        <translation>сохранять страницы в JPEG вместо TIFF LZW</translation>
    </message>
    <message>
        <source>recognition processes (default 1–2)</source>
        <translation>процессов распознавания (по умолчанию 1–2)</translation>
    </message>
    <message>
        <source>Pages added: {report_pages_added}; already there: {report_pages_already}; files taken before: {report_files_already_count}; files rejected: {report_rejected_count}.</source>
        <translation>Добавлено страниц: {report_pages_added}; уже были: {report_pages_already}; файлов уже принятых раньше: {report_files_already_count}; файлов отклонено: {report_rejected_count}.</translation>
    </message>
    <message>
        <source>Pages in the package: {stats_pages}, unreadable: {stats_unreadable_percent} %</source>
        <translation>В пакете страниц: {stats_pages}, нечитаемых: {stats_unreadable_percent} %</translation>
    </message>
    <message>
        <source>Rescanning the package is recommended (more than 10 % unreadable).</source>
        <translation>Рекомендуется пересканировать пакет (нечитаемых страниц больше 10 %).</translation>
    </message>
    <message>
        <source>pack a room folder into verified ZIP archives of at most 250 MB</source>
        <translation>упаковать папку аудитории в ZIP-архивы до 250 МБ и проверить их</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>ПАПКА</translation>
    </message>
    <message>
        <source>where to put the archives (default: archives/ in the data folder)</source>
        <translation>куда положить архивы (по умолчанию archives/ в папке данных)</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>БАЙТ</translation>
    </message>
    <message>
        <source>largest archive size in bytes (250000000)</source>
        <translation>наибольший размер архива в байтах (250000000)</translation>
    </message>
    <message>
        <source>replace this folder&apos;s earlier archives (once the new ones are verified)</source>
        <translation>заменить прежние архивы этой папки (после проверки новых)</translation>
    </message>
    <message>
        <source>protect with a password (asked for, or taken from the OS password store)</source>
        <translation>защитить паролем (спросить или взять из хранилища паролей ОС)</translation>
    </message>
    <message>
        <source>read the password from the first line of standard input</source>
        <translation>прочитать пароль из первой строки стандартного ввода</translation>
    </message>
    <message>
        <source>aes (default) or zipcrypto (compatibility only, weak)</source>
        <translation>aes (по умолчанию) или zipcrypto (только для совместимости, слабое)</translation>
    </message>
    <message>
        <source>event profile for a folder the database does not know</source>
        <translation>профиль мероприятия для папки, которой нет в базе</translation>
    </message>
    <message>
        <source>pack</source>
        <translation>упаковать</translation>
    </message>
    <message>
        <source>--encryption only makes sense with --password or --password-stdin.</source>
        <translation>--encryption имеет смысл только с --password или --password-stdin.</translation>
    </message>
    <message>
        <source>WARNING: ZipCrypto is obsolete encryption, broken by a known-plaintext attack (every TIFF header is known in advance). Use it only if the recipient cannot open AES.</source>
        <translation>ВНИМАНИЕ: ZipCrypto — устаревшее шифрование, оно вскрывается атакой по известному открытому тексту (заголовок каждого TIFF известен заранее). Используйте его, только если получатель не может открыть AES.</translation>
    </message>
    <message>
        <source>{archive_path}: {archive_pages} pages, {archive_size} bytes, verified</source>
        <translation>{archive_path}: {archive_pages} стр., {archive_size} байт, проверен</translation>
    </message>
    <message>
        <source>Password taken from the OS password store.</source>
        <translation>Пароль взят из хранилища паролей ОС.</translation>
    </message>
    <message>
        <source>Archive password: </source>
        <translation>Пароль архива: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Повторите пароль: </translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>The password is empty.</source>
        <translation>Пароль пустой.</translation>
    </message>
    <message>
        <source>Password not kept: {reason}.</source>
        <translation>Пароль не сохранён: {reason}.</translation>
    </message>
    <message>
        <source>event profiles</source>
        <translation>профили мероприятий</translation>
    </message>
    <message>
        <source>{name}: {pages_per_kit} pages per kit, kit digits {kit_digits}, page digits {page_digits}</source>
        <translation>{name}: страниц в комплекте {pages_per_kit}, комплект — цифры {kit_digits}, страница — {page_digits}</translation>
    </message>
    <message>
        <source>electronic protocols: show, protocol 2 for FIS OKO, load into an event</source>
        <translation>электронные протоколы: просмотр, протокол 2 для ФИС ОКО, загрузка в мероприятие</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>ДЕЙСТВИЕ</translation>
    </message>
    <message>
        <source>actions</source>
        <translation>действия</translation>
    </message>
    <message>
        <source>the protocol&apos;s kits and comments</source>
        <translation>комплекты и отметки протокола</translation>
    </message>
    <message>
        <source>protocol 1 (for the point) → protocol 2 (for FIS OKO upload), without names</source>
        <translation>протокол 1 (для ППО) → протокол 2 (для загрузки в ФИС ОКО), без ФИО</translation>
    </message>
    <message>
        <source>PROTOCOL1.xlsx</source>
        <translation>ПРОТОКОЛ1.xlsx</translation>
    </message>
    <message>
        <source>PROTOCOL2.xlsx</source>
        <translation>ПРОТОКОЛ2.xlsx</translation>
    </message>
    <message>
        <source>where to write protocol 2</source>
        <translation>куда записать протокол 2</translation>
    </message>
    <message>
        <source>TEMPLATE.xlsx</source>
        <translation>ШАБЛОН.xlsx</translation>
    </message>
    <message>
        <source>fill the protocol 2 template downloaded from FIS OKO instead of writing our own form</source>
        <translation>заполнить шаблон протокола 2, скачанный из ФИС ОКО («Сформировать excel шаблон»), а не свою форму</translation>
    </message>
    <message>
        <source>completeness report of folders against the protocol as xlsx (like the collector&apos;s completeness check)</source>
        <translation>отчёт о комплектности папок по протоколу в xlsx (как «Проверка комплектности» коллектора)</translation>
    </message>
    <message>
        <source>electronic protocol 1 or 2</source>
        <translation>электронный протокол 1 или 2</translation>
    </message>
    <message>
        <source>event profile (file or name)</source>
        <translation>профиль мероприятия (файл или имя)</translation>
    </message>
    <message>
        <source>REPORT.xlsx</source>
        <translation>ОТЧЁТ.xlsx</translation>
    </message>
    <message>
        <source>load the protocol&apos;s kits into an event</source>
        <translation>загрузить комплекты протокола в мероприятие</translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation>МЕРОПРИЯТИЕ</translation>
    </message>
    <message>
        <source>event name in the station&apos;s database</source>
        <translation>название мероприятия в базе станции</translation>
    </message>
    <message>
        <source>protocol 1 (for the point)</source>
        <translation>протокол 1 (для ППО)</translation>
    </message>
    <message>
        <source>protocol 2 (for FIS OKO)</source>
        <translation>протокол 2 (для ФИС ОКО)</translation>
    </message>
    <message>
        <source>{args_file}: {kind}, sheet «{protocol_sheet}», point login {protocol_ppo_login}</source>
        <translation>{args_file}: {kind}, лист «{protocol_sheet}», логин ППО {protocol_ppo_login}</translation>
    </message>
    <message>
        <source>not filled in</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <source>{kits} kits: used {used}, spoiled {spoiled}, unused {unused}, not filled in {not_filled}</source>
        <translation>Комплектов {kits}: использовано {used}, испорчено {spoiled}, не использовано {unused}, не заполнено {not_filled}</translation>
    </message>
    <message>
        <source>Protocol 2 cannot overwrite its source file.</source>
        <translation>Протокол 2 нельзя записать поверх исходного файла.</translation>
    </message>
    <message>
        <source>Write the filled template to another --out, not over the template.</source>
        <translation>Заполненный шаблон нельзя записать поверх пустого: укажите другой --out.</translation>
    </message>
    <message>
        <source>Protocol 2 written: {target} ({protocol_kits_count} kits)</source>
        <translation>Протокол 2 записан: {target} (комплектов: {protocol_kits_count})</translation>
    </message>
    <message>
        <source>Warning: template kits missing from protocol 1 were left empty: {left_list}</source>
        <translation>Внимание: в шаблоне есть комплекты, которых нет в протоколе 1, они не заполнены: {left_list}</translation>
    </message>
    <message>
        <source>Warning: not every kit has its comment filled in.</source>
        <translation>Внимание: не у всех комплектов заполнен комментарий.</translation>
    </message>
    <message>
        <source>Report written: {args_out}</source>
        <translation>Отчёт записан: {args_out}</translation>
    </message>
    <message>
        <source>Kits complete {complete}, partial {partial}, missing {missing}, unexpected {unexpected}; duplicated numbers {duplicate_numbers}, unread pages {unread_pages}</source>
        <translation>Комплектов загружено полностью {complete}, частично {partial}, не загружено {missing}, лишних {unexpected}; дублей {duplicate_numbers}, нераспознанных страниц {unread_pages}</translation>
    </message>
    <message>
        <source>Ready to upload.</source>
        <translation>Готово к загрузке.</translation>
    </message>
    <message>
        <source>Not ready to upload.</source>
        <translation>Не готово к загрузке.</translation>
    </message>
    <message>
        <source>Event «{args_event}» is not in the station&apos;s database.</source>
        <translation>Мероприятие «{args_event}» не найдено в базе станции.</translation>
    </message>
    <message>
        <source>Event «{args_event}»: added {summary_added}, updated {summary_updated}, unchanged {summary_unchanged}</source>
        <translation>Мероприятие «{args_event}»: добавлено {summary_added}, обновлено {summary_updated}, без изменений {summary_unchanged}</translation>
    </message>
    <message>
        <source>Warning: </source>
        <translation>Предупреждение: </translation>
    </message>
    <message>
        <source>read blank numbers from scanned pages</source>
        <translation>распознать номера бланков на сканах</translation>
    </message>
    <message>
        <source>Reads the blank number on every page (TIFF/JPEG/PNG files or folders, recursively) and the rotation that makes the page upright. Exit code 0: all read; 1: some pages unreadable, ambiguous or damaged.</source>
        <translation>Распознаёт номер бланка на каждой странице (файлы TIFF/JPEG/PNG или папки, рекурсивно) и сообщает поворот, при котором страница стоит правильно. Код выхода 0 — всё распознано, 1 — есть нераспознанные, неоднозначные или повреждённые страницы.</translation>
    </message>
    <message>
        <source>page files or folders</source>
        <translation>файлы страниц или папки</translation>
    </message>
    <message>
        <source>No page images found.</source>
        <translation>Изображения страниц не найдены.</translation>
    </message>
    <message>
        <source>scan a batch of sheets into a package (as the window&apos;s «Scan» button)</source>
        <translation>отсканировать пачку листов в пакет (как кнопка «Сканировать» в окне)</translation>
    </message>
    <message>
        <source>scanner (an id from `scanstation devices`)</source>
        <translation>сканер (идентификатор из `scanstation devices`)</translation>
    </message>
    <message>
        <source>resolution (default 200)</source>
        <translation>разрешение (по умолчанию 200)</translation>
    </message>
    <message>
        <source>colour: gray, color, bw (default gray)</source>
        <translation>цвет: gray, color, bw (по умолчанию gray)</translation>
    </message>
    <message>
        <source>document feeder (adf), flatbed or duplex; default adf</source>
        <translation>лоток подачи (adf), планшет (flatbed) или двусторонняя подача (duplex); по умолчанию adf</translation>
    </message>
    <message>
        <source>stop after N pages</source>
        <translation>остановиться после N страниц</translation>
    </message>
    <message>
        <source>Page {page_index} scanned</source>
        <translation>Страница {page_index} отсканирована</translation>
    </message>
    <message>
        <source>Scanning stopped: </source>
        <translation>Сканирование остановлено: </translation>
    </message>
    <message>
        <source>Pages scanned: {delivered}. Pages in the package: {stats_pages}, unreadable: {stats_unreadable_percent} %</source>
        <translation>Отсканировано страниц: {delivered}. В пакете страниц: {stats_pages}, нечитаемых: {stats_unreadable_percent} %</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Kits</source>
        <translation>Комплекты</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Дубли</translation>
    </message>
    <message>
        <source>Blank number</source>
        <translation>Номер бланка</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <source>Unexpected pages</source>
        <translation>Лишние страницы</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>Комплект</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Страница</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Нераспознанные</translation>
    </message>
    <message>
        <source>In the electronic protocol</source>
        <translation>В электронном протоколе проведения</translation>
    </message>
    <message>
        <source>kits in the protocol</source>
        <translation>комплектов в протоколе</translation>
    </message>
    <message>
        <source>used</source>
        <translation>участвовало («использован»)</translation>
    </message>
    <message>
        <source>spoiled</source>
        <translation>исключено («испорчен»)</translation>
    </message>
    <message>
        <source>unused</source>
        <translation>не участвовало («не использован»)</translation>
    </message>
    <message>
        <source>report</source>
        <translation>отчёт</translation>
    </message>
    <message>
        <source>full</source>
        <translation>полный</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>неполный</translation>
    </message>
    <message>
        <source>Loading progress</source>
        <translation>Ход загрузки материалов</translation>
    </message>
    <message>
        <source>loaded completely</source>
        <translation>загружено полностью</translation>
    </message>
    <message>
        <source>loaded partly</source>
        <translation>загружено частично</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>не загружено</translation>
    </message>
    <message>
        <source>unexpected kits</source>
        <translation>лишние комплекты</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Сканы</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>страниц всего</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>нераспознанных</translation>
    </message>
    <message>
        <source>unexpected pages</source>
        <translation>лишних страниц</translation>
    </message>
    <message>
        <source>duplicated numbers</source>
        <translation>номеров с дублями</translation>
    </message>
    <message>
        <source>pages per kit</source>
        <translation>страниц в комплекте</translation>
    </message>
    <message>
        <source>Ready to upload</source>
        <translation>Готово к загрузке</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <source>Kit number</source>
        <translation>Номер комплекта</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Отметка в протоколе</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Pages present</source>
        <translation>Загружены страницы</translation>
    </message>
    <message>
        <source>Missing pages</source>
        <translation>Недостающие страницы</translation>
    </message>
    <message>
        <source>not in the protocol</source>
        <translation>нет в протоколе</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>загружен полностью</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>загружен частично</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>не загружен</translation>
    </message>
    <message>
        <source>unexpected</source>
        <translation>лишний</translation>
    </message>
    <message>
        <source>no scans (as expected)</source>
        <translation>сканов нет (так и должно быть)</translation>
    </message>
    <message>
        <source>same sheet scanned twice — delete the repeat</source>
        <translation>один лист отсканирован дважды — удалить повтор</translation>
    </message>
    <message>
        <source>different sheets with one number — tell the federal coordinator</source>
        <translation>разные листы с одним номером — сообщить федеральному координатору</translation>
    </message>
    <message>
        <source>kit marked spoiled</source>
        <translation>комплект отмечен «испорчен»</translation>
    </message>
    <message>
        <source>kit marked unused</source>
        <translation>комплект отмечен «не использован»</translation>
    </message>
    <message>
        <source>kit not in the protocol</source>
        <translation>комплекта нет в протоколе</translation>
    </message>
    <message>
        <source>page number outside the kit</source>
        <translation>номер страницы вне комплекта</translation>
    </message>
    <message>
        <source>Cannot open the database {path}: {exc_orig}</source>
        <translation>Не удалось открыть базу данных {path}: {exc_orig}</translation>
    </message>
    <message>
        <source>Not enough disk space: {path}. Free some space and continue — pages already saved are kept.</source>
        <translation>Недостаточно места на диске: {path}. Освободите место и продолжите — уже сохранённые страницы не потеряны.</translation>
    </message>
    <message>
        <source>Cannot write the file {path}: {exc_strerror}</source>
        <translation>Не удалось записать файл {path}: {exc_strerror}</translation>
    </message>
    <message>
        <source>The database{where} is held by another program and was not freed within half a minute. Close the other ScanStation window or command using it and retry — pages already saved are kept.</source>
        <translation>База данных{where} занята другой программой и не освободилась за полминуты. Закройте другую копию ScanStation или команду, которая с ней работает, и нажмите «Повторить» — сохранённые страницы не потеряны.</translation>
    </message>
    <message>
        <source>The package is already closed: a sheet that arrived after that was not saved. Scan it again into the right package.</source>
        <translation>Пакет уже закрыт: лист, пришедший после этого, не записан. Отсканируйте его снова в нужном пакете.</translation>
    </message>
    <message>
        <source>{path_name} is not a page image (TIFF, JPEG or PNG expected){suffix} — skipped.</source>
        <translation>Файл {path_name} не является изображением страницы (нужен TIFF, JPEG или PNG){suffix} — пропущен.</translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation>Файл не найден: {path}</translation>
    </message>
    <message>
        <source>Page {scanned_source_page} of {file_label_scanned} was taken before ({info_file_name}) — the repeat is skipped.</source>
        <translation>Страница {scanned_source_page} файла {file_label_scanned} уже принята ({info_file_name}) — повтор пропущен.</translation>
    </message>
    <message>
        <source>Only a page of this package, not deleted, can be replaced.</source>
        <translation>Заменить можно только страницу этого пакета, не удалённую.</translation>
    </message>
    <message>
        <source>Recognition made no progress for {patience:.0f} s; the pages not read yet are saved and will be read when the package is next opened.</source>
        <translation>Распознавание не продвигается {patience:.0f} с; нераспознанные страницы сохранены и будут прочитаны при следующем открытии пакета.</translation>
    </message>
    <message>
        <source>Package «{package_name}»: file {name} — {reason} It was moved to the package&apos;s .quarantine folder.</source>
        <translation>Пакет «{package_name}»: файл {name} — {reason} Он перенесён в папку .quarantine пакета.</translation>
    </message>
    <message>
        <source>not a TIFF or JPEG ({fmt}).</source>
        <translation>не TIFF и не JPEG ({fmt}).</translation>
    </message>
    <message>
        <source>cannot be read as an image ({exc_type}: {exc}).</source>
        <translation>не читается как изображение ({exc_type}: {exc}).</translation>
    </message>
    <message>
        <source>not a page of the package (pages are 0001.tif, 0002.tif …).</source>
        <translation>не страница пакета (страницы — файлы 0001.tif, 0002.tif …).</translation>
    </message>
    <message>
        <source>Recovery of package {package_id} failed: {exc_type}: {exc}</source>
        <translation>Восстановление пакета {package_id} не удалось: {exc_type}: {exc}</translation>
    </message>
    <message>
        <source>Page {page} is saved on disk, but processing it stopped on a program error ({exc_type}: {exc}). Press «Retry»; if it happens again, report it (details in the log).</source>
        <translation>Страница {page} сохранена на диске, но её обработка остановилась из-за ошибки программы ({exc_type}: {exc}). Нажмите «Повторить»; если ошибка повторится, сообщите в поддержку (подробности в журнале).</translation>
    </message>
    <message>
        <source>No free page name in {folder}</source>
        <translation>Нет свободного имени для страницы в {folder}</translation>
    </message>
    <message>
        <source>File {source} not found.</source>
        <translation>Файл {source} не найден.</translation>
    </message>
    <message>
        <source>File {target} already exists.</source>
        <translation>Файл {target} уже существует.</translation>
    </message>
    <message>
        <source>unknown program</source>
        <translation>неизвестная программа</translation>
    </message>
    <message>
        <source>The package «{folder_name}» is being changed by another program: {program} (process {pid}, host {host}, since {since}). Wait for it to finish or close it and try again. Lock file: {folder_path}.</source>
        <translation>Пакет «{folder_name}» сейчас изменяет другая программа: {program} (процесс {pid}, компьютер {host}, с {since}). Дождитесь её окончания или закройте её и повторите. Файл блокировки: {folder_path}.</translation>
    </message>
    <message>
        <source>Profile &apos;{name}&apos;: invalid blank number pattern: {exc}</source>
        <translation>Профиль «{name}»: неверное регулярное выражение номера бланка: {exc}</translation>
    </message>
    <message>
        <source>Profile &apos;{name}&apos;: pages_per_kit must be at least 1</source>
        <translation>Профиль «{name}»: pages_per_kit должно быть не меньше 1</translation>
    </message>
    <message>
        <source>Profile &apos;{name}&apos;: {label} must be [first, last], 1 ≤ first ≤ last</source>
        <translation>Профиль «{name}»: {label} должно быть [начало, конец], 1 ≤ начало ≤ конец</translation>
    </message>
    <message>
        <source>Profile file not found: {path}</source>
        <translation>Файл профиля не найден: {path}</translation>
    </message>
    <message>
        <source>Profile file {path} is malformed: {exc}</source>
        <translation>Файл профиля {path} повреждён: {exc}</translation>
    </message>
    <message>
        <source>Profile file {origin} is malformed: {exc}</source>
        <translation>Файл профиля {origin} повреждён: {exc}</translation>
    </message>
    <message>
        <source>Profile {origin}: missing or invalid field {exc}</source>
        <translation>Профиль {origin}: нет или неверно поле {exc}</translation>
    </message>
    <message>
        <source>of event «{event_name}»</source>
        <translation>мероприятия «{event_name}»</translation>
    </message>
    <message>
        <source>Profile not found: {name_or_path}</source>
        <translation>Профиль не найден: {name_or_path}</translation>
    </message>
    <message>
        <source>{where}: unknown comment. Allowed: «использован» (used), «испорчен» (spoiled), «не использован» (unused), or empty / «---» while not filled in.</source>
        <translation>{where}: комментарий не распознан. Допустимо: «использован», «испорчен», «не использован» (или пусто / «---», пока не заполнено).</translation>
    </message>
    <message>
        <source>{where}: invalid school login. A login is edu or spo followed by six digits, e.g. edu777777.</source>
        <translation>{where}: неверный логин ОО. Логин — это edu или spo и шесть цифр, например edu777777.</translation>
    </message>
    <message>
        <source>{where}: a kit number must consist of digits.</source>
        <translation>{where}: номер комплекта должен состоять из цифр.</translation>
    </message>
    <message>
        <source>{path}: no protocol table found — no «Номер комплекта» cell on any sheet (first {header_scan_rows} rows).</source>
        <translation>{path}: не найдена таблица протокола — нет ячейки «Номер комплекта» ни на одном листе (первые {header_scan_rows} строк).</translation>
    </message>
    <message>
        <source>Protocol file not found: {path}</source>
        <translation>Файл протокола не найден: {path}</translation>
    </message>
    <message>
        <source>{path}: the old .xls format is not supported — save the protocol as .xlsx in Excel.</source>
        <translation>{path}: старый формат .xls не поддерживается — сохраните протокол в Excel как .xlsx.</translation>
    </message>
    <message>
        <source>{path}: not an Excel .xlsx file, or it is damaged ({exc_type}).</source>
        <translation>{path}: это не файл Excel .xlsx или он повреждён ({exc_type}).</translation>
    </message>
    <message>
        <source>Sheet «{sheet}», cell {column}{row}</source>
        <translation>Лист «{sheet}», ячейка {column}{row}</translation>
    </message>
    <message>
        <source>Sheet «{sheet}», row {row_no}: the table header has no column {missing_list}.</source>
        <translation>Лист «{sheet}», строка {row_no}: в заголовке таблицы нет столбца {missing_list}.</translation>
    </message>
    <message>
        <source>{kit_where}: the kit number is missing in a filled row.</source>
        <translation>{kit_where}: нет номера комплекта, а строка заполнена.</translation>
    </message>
    <message>
        <source>{kit_where}: kit {number} is already listed in cell {seen}.</source>
        <translation>{kit_where}: комплект {number} уже указан в ячейке {seen}.</translation>
    </message>
    <message>
        <source>{kit_where}: kit {number} is used but has no school login.</source>
        <translation>{kit_where}: комплект {number} «использован», но не указан логин ОО.</translation>
    </message>
    <message>
        <source>Sheet «{title}»: the protocol table lists no kits.</source>
        <translation>Лист «{title}»: в таблице протокола нет ни одного комплекта.</translation>
    </message>
    <message>
        <source>Event #{event_id} is not in the database.</source>
        <translation>Мероприятие №{event_id} не найдено в базе.</translation>
    </message>
    <message>
        <source>{template}: this is protocol 1 (it has a names column); a protocol 2 template from FIS OKO is needed.</source>
        <translation>{template}: это протокол 1 (есть столбец ФИО), а нужен шаблон протокола 2 из ФИС ОКО.</translation>
    </message>
    <message>
        <source>{template}: the template lacks kits {absent_list} of protocol 1 — download the template of this point and subject again.</source>
        <translation>{template}: в шаблоне нет комплектов {absent_list} из протокола 1 — скачайте шаблон этого ППО и предмета заново.</translation>
    </message>
    <message>
        <source>Folder does not exist: {path_parent}</source>
        <translation>Папка не существует: {path_parent}</translation>
    </message>
    <message>
        <source>The package is ready to upload: nothing to report.</source>
        <translation>Пакет готов к выгрузке: замечаний нет.</translation>
    </message>
    <message>
        <source>The package is not ready to upload:</source>
        <translation>Пакет не готов к выгрузке:</translation>
    </message>
    <message>
        <source>To pack anyway, give a reason: --allow-incomplete --reason &apos;…&apos;.</source>
        <translation>Чтобы упаковать всё равно, укажите причину: --allow-incomplete --reason «…».</translation>
    </message>
    <message>
        <source>No electronic protocol loaded: the kits are not compared with it.</source>
        <translation>Электронный протокол не загружен: комплекты не сверены с протоколом.</translation>
    </message>
    <message>
        <source> and {rest} more</source>
        <translation> и ещё {rest}</translation>
    </message>
    <message>
        <source>Pages still being read: {pending}.</source>
        <translation>Страниц ещё распознаётся: {pending}.</translation>
    </message>
    <message>
        <source>Unreadable pages: {unread_only} — type the number, turn or rescan.</source>
        <translation>Нераспознанных страниц: {unread_only} — введите номер, поверните или пересканируйте.</translation>
    </message>
    <message>
        <source>{share:.1f} % of the pages are unreadable (more than 10 %): rescanning is recommended.</source>
        <translation>Нераспознано {share:.1f} % страниц (больше 10 %): рекомендуется пересканировать.</translation>
    </message>
    <message>
        <source>no p.</source>
        <translation>нет стр.</translation>
    </message>
    <message>
        <source>Partially loaded kits: {partial_count}: {partial_list}.</source>
        <translation>Комплектов загружено частично: {partial_count}: {partial_list}.</translation>
    </message>
    <message>
        <source>Used kits without a single page: {report_missing_count}: {missing_list}.</source>
        <translation>Использованных комплектов без единой страницы: {report_missing_count}: {missing_list}.</translation>
    </message>
    <message>
        <source>Extra kits (not in the protocol, spoiled or unused): {report_unexpected_count}: {unexpected_list}.</source>
        <translation>Лишних комплектов (нет в протоколе, испорчены или не использованы): {report_unexpected_count}: {unexpected_list}.</translation>
    </message>
    <message>
        <source>Pages numbered outside their kit: {outside_count}: {outside_list}.</source>
        <translation>Страниц с номером листа вне комплекта: {outside_count}: {outside_list}.</translation>
    </message>
    <message>
        <source>Undecided duplicate numbers: {open_numbers_count}: {open_numbers_list} — «Duplicates…».</source>
        <translation>Нерешённых дубликатов номеров: {open_numbers_count}: {open_numbers_list} — «Дубликаты…».</translation>
    </message>
    <message>
        <source>Reported to the coordinator, awaiting the answer: {escalated_count}: {escalated_list}.</source>
        <translation>Переданы координатору и ждут ответа: {escalated_count}: {escalated_list}.</translation>
    </message>
    <message>
        <source>Kits not filled in in the protocol: {not_filled} (the report is incomplete).</source>
        <translation>В протоколе не заполнено комплектов: {not_filled} (отчёт — не полный).</translation>
    </message>
    <message>
        <source>The station does not know this folder: completeness and duplicates were not checked (scanstation check --protocol …).</source>
        <translation>Папки нет в базе станции: комплектность и дубликаты не проверялись (scanstation check --protocol …).</translation>
    </message>
    <message>
        <source>Page file not found: {job_path}</source>
        <translation>Файл страницы не найден: {job_path}</translation>
    </message>
    <message>
        <source>the recognition worker crashed on this page</source>
        <translation>обработчик распознавания аварийно завершился на этой странице</translation>
    </message>
    <message>
        <source>recognition failed: {exc}</source>
        <translation>ошибка распознавания: {exc}</translation>
    </message>
    <message>
        <source>recognition did not finish within {page_timeout:.0f} s</source>
        <translation>распознавание не закончилось за {page_timeout:.0f} с</translation>
    </message>
    <message>
        <source>Page file not found: {path}</source>
        <translation>Файл страницы не найден: {path}</translation>
    </message>
    <message>
        <source>Cannot open image {path_name}: the file is damaged or not an image ({exc})</source>
        <translation>Не удалось открыть изображение {path_name}: файл повреждён или это не изображение ({exc})</translation>
    </message>
    <message>
        <source>The document feeder is empty.</source>
        <translation>В лотке подачи нет бумаги.</translation>
    </message>
    <message>
        <source>Pages already scanned and kept: {pages}.</source>
        <translation>Уже отсканировано и сохранено страниц: {pages}.</translation>
    </message>
    <message>
        <source>Paper jam. Remove the jammed sheet, put it back into the feeder and press Continue. {safe}</source>
        <translation>Замятие бумаги. Извлеките замятый лист, положите его обратно в лоток и нажмите «Продолжить». {safe}</translation>
    </message>
    <message>
        <source>The scanner cover is open. Close it and press Continue. {safe}</source>
        <translation>Открыта крышка сканера. Закройте её и нажмите «Продолжить». {safe}</translation>
    </message>
    <message>
        <source>The scanner is busy with another program. Close it and try again. {safe}</source>
        <translation>Сканер занят другой программой. Закройте её и повторите. {safe}</translation>
    </message>
    <message>
        <source>Scanner I/O error{suffix}. Check the cable and power. {safe}</source>
        <translation>Ошибка обмена со сканером{suffix}. Проверьте кабель и питание. {safe}</translation>
    </message>
    <message>
        <source>The scanner was disconnected. Reconnect it and select it again. {safe}</source>
        <translation>Сканер отключён. Подключите его и выберите снова. {safe}</translation>
    </message>
    <message>
        <source>The scanner returned a {got_s} pixel page instead of the expected {exp_s} at {dpi} dpi. Check the resolution and the scan area. {safe}</source>
        <translation>Сканер вернул страницу размером {got_s} точек вместо ожидаемых {exp_s} при {dpi} dpi. Проверьте разрешение и размер области сканирования. {safe}</translation>
    </message>
    <message>
        <source>The file &apos;{path_name}&apos; cannot be read as an image or PDF ({detail}). Scan these pages again.</source>
        <translation>Файл «{path_name}» не читается как изображение или PDF ({detail}). Отсканируйте эти страницы заново.</translation>
    </message>
    <message>
        <source>PDF is not supported by this installation</source>
        <translation>PDF не поддерживается этой установкой</translation>
    </message>
    <message>
        <source>the PDF has no pages</source>
        <translation>в PDF нет страниц</translation>
    </message>
    <message>
        <source>{path_name} was taken before (as {earlier_name}, {earlier_taken_at}) — the repeat is skipped and moved to {processed}/.</source>
        <translation>Файл {path_name} уже был принят раньше (как {earlier_name}, {earlier_taken_at}) — повтор пропущен и перенесён в {processed}/.</translation>
    </message>
    <message>
        <source>Hot folder: {folder}</source>
        <translation>Папка сканов: {folder}</translation>
    </message>
    <message>
        <source>The scanner driver crashed (code {exit_code}). Pages already scanned and kept: {pages_delivered}. Check the scanner and press «Continue».</source>
        <translation>Драйвер сканера аварийно завершился (код {exit_code}). Уже отсканировано и сохранено страниц: {pages_delivered}. Проверьте сканер и нажмите «Продолжить».</translation>
    </message>
    <message>
        <source>driver does not answer: {exc}</source>
        <translation>драйвер не отвечает: {exc}</translation>
    </message>
    <message>
        <source>no option {name}</source>
        <translation>нет параметра {name}</translation>
    </message>
    <message>
        <source>no such paper source</source>
        <translation>нет такого источника бумаги</translation>
    </message>
    <message>
        <source>Data and log folder</source>
        <translation>Папка данных и журналов</translation>
    </message>
    <message>
        <source>Database and migrations</source>
        <translation>База данных и миграции</translation>
    </message>
    <message>
        <source>Event profiles</source>
        <translation>Профили мероприятий</translation>
    </message>
    <message>
        <source>Reading the sample blank&apos;s number</source>
        <translation>Распознавание номера образца бланка</translation>
    </message>
    <message>
        <source>Reading the printed digits (OCR)</source>
        <translation>Чтение печатных цифр номера (OCR)</translation>
    </message>
    <message>
        <source>Recognition in a worker process</source>
        <translation>Распознавание в отдельном процессе</translation>
    </message>
    <message>
        <source>zbar library (second opinion)</source>
        <translation>Библиотека zbar (второе мнение)</translation>
    </message>
    <message>
        <source>Writing and verifying a ZIP</source>
        <translation>Запись и проверка ZIP-архива</translation>
    </message>
    <message>
        <source>Scanner drivers</source>
        <translation>Драйверы сканеров</translation>
    </message>
    <message>
        <source>OS password keyring</source>
        <translation>Хранилище паролей ОС</translation>
    </message>
    <message>
        <source>Qt: platform, image formats, translation</source>
        <translation>Qt: платформа, форматы изображений, перевод</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation>ВНИМАНИЕ</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ОШИБКА</translation>
    </message>
    <message>
        <source>Self-check FAILED: {failed} of {results_count} checks failed.</source>
        <translation>Самопроверка НЕ пройдена: ошибок {failed} из {results_count}.</translation>
    </message>
    <message>
        <source>Self-check passed: {results_count} checks, {warned} warnings.</source>
        <translation>Самопроверка пройдена: проверок {results_count}, предупреждений {warned}.</translation>
    </message>
    <message>
        <source>bundle</source>
        <translation>сборка</translation>
    </message>
    <message>
        <source>source</source>
        <translation>исходный код</translation>
    </message>
    <message>
        <source>ScanStation {version} self-check ({build}, {platform})</source>
        <translation>ScanStation {version}, самопроверка ({build}, {platform})</translation>
    </message>
    <message>
        <source>Log unavailable: {exc}</source>
        <translation>Журнал недоступен: {exc}</translation>
    </message>
    <message>
        <source>{kind}: encryption is not what was asked for</source>
        <translation>{kind}: шифрование не то, что заказано</translation>
    </message>
    <message>
        <source>{kind} {size} bytes verified</source>
        <translation>{kind} {size} байт проверен</translation>
    </message>
    <message>
        <source>sample blank missing or damaged: {manifest} ({exc})</source>
        <translation>образец бланка не найден или повреждён: {manifest} ({exc})</translation>
    </message>
    <message>
        <source>no samples in {manifest}</source>
        <translation>в {manifest} нет образцов</translation>
    </message>
    <message>
        <source>cannot write: {where} ({exc_strerror})</source>
        <translation>нет доступа на запись: {where} ({exc_strerror})</translation>
    </message>
    <message>
        <source>{path}: revision {revision}, expected {head}</source>
        <translation>{path}: ревизия {revision}, ожидалась {head}</translation>
    </message>
    <message>
        <source>{path}, revision {revision}</source>
        <translation>{path}, ревизия {revision}</translation>
    </message>
    <message>
        <source>no event profile found</source>
        <translation>не найдено ни одного профиля</translation>
    </message>
    <message>
        <source>{profiles_count}: {profiles_list}; default {default_name}</source>
        <translation>{profiles_count}: {profiles_list}; по умолчанию {default_name}</translation>
    </message>
    <message>
        <source>{path_name}: cannot read the file ({exc})</source>
        <translation>{path_name}: файл не читается ({exc})</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>ничего</translation>
    </message>
    <message>
        <source>{path_name}: read {read} ({result_status}), expected {sample_number}</source>
        <translation>{path_name}: прочитано {read} ({result_status}), ожидалось {sample_number}</translation>
    </message>
    <message>
        <source>OCR did not load (model: {tessdata_dir})</source>
        <translation>OCR не загрузился (модель: {tessdata_dir})</translation>
    </message>
    <message>
        <source>{path_name}: digits read {read}, expected {sample_number}</source>
        <translation>{path_name}: по цифрам прочитано {read}, ожидалось {sample_number}</translation>
    </message>
    <message>
        <source>the recognition worker did not answer within {context_worker_timeout:.0f} s</source>
        <translation>процесс распознавания не ответил за {context_worker_timeout:.0f} с</translation>
    </message>
    <message>
        <source>the recognition worker read {read}</source>
        <translation>процесс распознавания прочитал {read}</translation>
    </message>
    <message>
        <source>recognition did not run in a separate process</source>
        <translation>распознавание не вынесено в отдельный процесс</translation>
    </message>
    <message>
        <source>process {pids} read {result_number}</source>
        <translation>процесс {pids} прочитал {result_number}</translation>
    </message>
    <message>
        <source>libzbar does not load: {exc}</source>
        <translation>libzbar не загружается: {exc}</translation>
    </message>
    <message>
        <source>zbar did not read the sample (found: {shown})</source>
        <translation>zbar не прочитал образец (нашёл: {shown})</translation>
    </message>
    <message>
        <source>libzbar came from the system ({where}), not from the bundle</source>
        <translation>libzbar взята из системы ({where}), а не из сборки</translation>
    </message>
    <message>
        <source>read {sample_number} ({where})</source>
        <translation>прочитан {sample_number} ({where})</translation>
    </message>
    <message>
        <source>sample file missing: {sample}</source>
        <translation>нет файла образца {sample}</translation>
    </message>
    <message>
        <source>device list not ready within {context_scanner_timeout:.0f} s (check the SANE configuration / drivers)</source>
        <translation>список устройств не получен за {context_scanner_timeout:.0f} с (проверьте настройки SANE / драйверы)</translation>
    </message>
    <message>
        <source>the keyring did not answer</source>
        <translation>служба паролей не ответила</translation>
    </message>
    <message>
        <source>image format plugins missing: {missing_list}</source>
        <translation>нет модулей форматов: {missing_list}</translation>
    </message>
    <message>
        <source>Qt could not open {sample_name}</source>
        <translation>Qt не открыл {sample_name}</translation>
    </message>
    <message>
        <source>platform plugin {native} missing from {plugins_path} — the window will not open</source>
        <translation>нет модуля платформы {native} в {plugins_path} — окно не откроется</translation>
    </message>
    <message>
        <source>window translation (scanstation_ru.qm) not found — the window will be in English</source>
        <translation>перевод окна (scanstation_ru.qm) не найден — окно будет на английском</translation>
    </message>
    <message>
        <source>translation {translation_name} does not load</source>
        <translation>перевод {translation_name} не загружается</translation>
    </message>
    <message>
        <source>core messages translation {core_name} not read: the command line and error messages would be in English</source>
        <translation>перевод сообщений ядра {core_name} не прочитан: командная строка и сообщения об ошибках будут на английском</translation>
    </message>
    <message>
        <source>PySide6 {pyside6_version} loses references when emitting signals ({lost_list}): the window would abort mid-session — another PySide6 release is needed</source>
        <translation>PySide6 {pyside6_version} теряет ссылки при отправке сигналов ({lost_list}): окно аварийно закроется посреди работы — нужна другая версия PySide6</translation>
    </message>
    <message>
        <source>platform {platform}, {native} plugin present, formats {required_formats_list}</source>
        <translation>платформа {platform}, модуль {native} есть, форматы {required_formats_list}</translation>
    </message>
    <message>
        <source>, translation loaded</source>
        <translation>, перевод загружен</translation>
    </message>
    <message>
        <source>libsane1 is not installed — no SANE scanners (apt install libsane1); the hot folder and demo work</source>
        <translation>libsane1 не установлен — сканеры SANE недоступны (apt install libsane1), работают папка сканов и демо</translation>
    </message>
    <message>
        <source>the bundle runs without PYINSANE_SINGLE_THREAD=1 — SANE scanning would hang</source>
        <translation>сборка запущена без PYINSANE_SINGLE_THREAD=1 — сканирование SANE зависнет</translation>
    </message>
    <message>
        <source>no scanner driver at all</source>
        <translation>нет ни одного драйвера</translation>
    </message>
    <message>
        <source>Page {page_id} not found.</source>
        <translation>Страница {page_id} не найдена.</translation>
    </message>
    <message>
        <source>The package is still being recovered after a crash: pages can be viewed and changed once recovery has finished.</source>
        <translation>Пакет ещё восстанавливается после сбоя: страницы можно смотреть, менять — после окончания восстановления.</translation>
    </message>
    <message>
        <source>&apos;{cleaned}&apos; is not a blank number of this event (profile &apos;{profile_name}&apos;).</source>
        <translation>«{cleaned}» — не номер бланка этого мероприятия (профиль «{profile_name}»).</translation>
    </message>
    <message>
        <source>Rotation must be 90, 180 or 270 degrees.</source>
        <translation>Поворот возможен на 90, 180 или 270 градусов.</translation>
    </message>
    <message>
        <source>The page cannot be restored: the package&apos;s archives were exported and the trash emptied.</source>
        <translation>Страницу нельзя восстановить: архивы пакета уже выгружены и корзина очищена.</translation>
    </message>
    <message>
        <source>The pages numbered {group_blank_number} are different sheets: they cannot be merged; escalate the case to the federal coordinator.</source>
        <translation>Страницы с номером {group_blank_number} — разные листы: их нельзя объединять, передайте случай федеральному координатору («Эскалировать»).</translation>
    </message>
    <message>
        <source>Empty package or event name.</source>
        <translation>Пустое имя пакета или мероприятия.</translation>
    </message>
    <message>
        <source>The folder {target} already belongs to package &apos;{clash_name}&apos;.</source>
        <translation>Папка {target} уже занята пакетом «{clash_name}».</translation>
    </message>
    <message>
        <source>Package {package_id} not found.</source>
        <translation>Пакет {package_id} не найден.</translation>
    </message>
</context>
</TS>
