<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<!-- Qt's own strings that qtbase_ru.qm (PySide6 6.8–6.11) lacks: Qt 6 gave these two labels
     of its file dialog mnemonics, and the Russian catalogue still has the old text.
     Loaded after qtbase_ru.qm; `make translations` compiles it. -->
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Перейти к:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Типы файлов:</translation>
    </message>
</context>
</TS>
