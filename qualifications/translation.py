"""The text of this app's records that has a Spanish version (see publishing.translation).
Codes, slugs, figures, periods' dates and sources are shared by both languages."""

from publishing.translation import translate

from .models import CareerTopic, EducationStep, ExamCost, Occupation, OutlookFigure, PathStep, QualificationPath, Skill

translate(EducationStep, "name", "summary", "description", "covers")
translate(QualificationPath, "name", "role", "summary", "description")
translate(PathStep, "note")
translate(ExamCost, "fee_spread", "dues_spread", "retakes")
translate(Skill, "name", "summary", "on_the_job", "how_to_build")
translate(OutlookFigure, "label", "group", "period")
translate(Occupation, "name", "summary", "description", "tasks", "work_settings", "entry_education", "sample_titles")
translate(CareerTopic, "title", "summary", "description")
