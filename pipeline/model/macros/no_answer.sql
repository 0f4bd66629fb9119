-- usage: no_answer()
-- description: the label of a group nobody named ("(keine Angabe)", "(not answered)"), in the report language
-- order: 75
create macro no_answer() as getvariable('no_answer');
