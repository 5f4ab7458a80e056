"""The text of this app's records that has a Spanish version (see publishing.translation).
Codes, slugs, figures, dates and sources are shared by both languages; how a figure's date
reads (its as-of wording) has a Spanish version."""

from publishing.translation import translate

from .models import CareerTopic, EducationStep, ExamCost, Occupation, OutlookFigure, PathStep, QualificationPath, Skill

translate(EducationStep, "name", "summary", "description", "covers", "duration_as_of_label", "cost_as_of_label")
translate(QualificationPath, "name", "role", "summary", "description")
translate(PathStep, "note")
translate(ExamCost, "fee_spread", "dues_spread", "retakes", "fee_as_of_label", "dues_as_of_label")
translate(Skill, "name", "summary", "on_the_job", "how_to_build")
translate(OutlookFigure, "label", "group", "period", "figure_as_of_label")
translate(Occupation, "name", "summary", "description", "tasks", "work_settings", "entry_education", "sample_titles")
translate(CareerTopic, "title", "summary", "description")
