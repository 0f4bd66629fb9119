-- usage: in_lang(de, en)
-- description: the text in the report language (--lang): en falls back to de where a text has no English
-- order: 70
create macro in_lang(de, en) as case when getvariable('lang') = 'en' then coalesce(en, de) else de end;
