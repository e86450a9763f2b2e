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
        <source>Kits complete: %1 of %2</source>
        <translation>Комплектов полных: %1 из %2</translation>
    </message>
    <message>
        <source>Protocol not loaded · kits with all their pages: %1 of %2</source>
        <translation>Протокол не загружен · комплектов со всеми страницами: %1 из %2</translation>
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
        <source>Pages already scanned and kept: {pages}.</source>
        <translation>Уже отсканировано и сохранено страниц: {pages}.</translation>
    </message>
    <message>
        <source>The document feeder is empty.</source>
        <translation>В лотке подачи нет бумаги.</translation>
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
        <source>{path_name} was taken before (as {get_value}, {get_value2}) — the repeat is skipped and moved to {processed}/.</source>
        <translation>Файл {path_name} уже был принят раньше (как {get_value}, {get_value2}) — повтор пропущен и перенесён в {processed}/.</translation>
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
        <source>Not enough disk space: {path}. Free some space and continue — pages already saved are kept.</source>
        <translation>Недостаточно места на диске: {path}. Освободите место и продолжите — уже сохранённые страницы не потеряны.</translation>
    </message>
    <message>
        <source>The database{where} is held by another program and was not freed within half a minute. Close the other ScanStation window or command using it and retry — pages already saved are kept.</source>
        <translation>База данных{where} занята другой программой и не освободилась за полминуты. Закройте другую копию ScanStation или команду, которая с ней работает, и нажмите «Повторить» — сохранённые страницы не потеряны.</translation>
    </message>
</context>
</TS>
