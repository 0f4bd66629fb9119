-- usage: no_answer()
-- description: the label of a state or sector nobody gave, in the report language ("(keine Angabe)"), from the text catalogue
-- order: 71
create macro no_answer() as getvariable('no_answer');
