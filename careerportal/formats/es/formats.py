"""Spanish as read in the United States: dates as in Django's Spanish ("3 de mayo de 2020"), numbers with US
punctuation ($44,090; $21.20), as on the pay and price pages students compare (BLS, the certifying bodies).
Django's Mexican Spanish formats are exactly that."""

from django.conf.locale.es_MX.formats import *  # noqa: F403
