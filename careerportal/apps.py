from django.apps import AppConfig


class CareerPortalConfig(AppConfig):
    name = "careerportal"
    verbose_name = "Career portal"
