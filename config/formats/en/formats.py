# English for a European readership: day before month, 24-hour clock (22 Jan 2021, 09:49),
# instead of Django's US defaults (01/22/2021 9:49 a.m.).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
