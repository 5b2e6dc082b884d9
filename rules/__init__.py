"""Rules as data: the condition language, rule schema and the experta rule compiler."""
